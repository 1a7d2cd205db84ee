package dev.piecewise.plugin.fastestupload;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingView;
import dev.piecewise.spi.choking.PeerStats;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** One torrent's fastest-upload choker; see {@link FastestUploadProvider}. */
final class FastestUploadPolicy implements ChokingPolicy {

    private static final Set<ChokingEvent> TRIGGERS = EnumSet.of(ChokingEvent.PEER_INTERESTED,
            ChokingEvent.PEER_NOT_INTERESTED, ChokingEvent.PEER_DISCONNECTED);
    private static final long NONE = Long.MIN_VALUE;

    // ties (all zero before anything is measured) go to the peer we have sent least, then the earliest connected
    private static final Comparator<PeerStats> LEAST_TRIED = Comparator.comparingLong(PeerStats::uploaded)
            .thenComparingLong(PeerStats::connectedMillis).thenComparingLong(PeerStats::id);
    private static final Comparator<PeerStats> FASTEST = Comparator.comparingDouble(PeerStats::uploadRate).reversed()
            .thenComparing(LEAST_TRIED);

    private final int slots;
    private final Duration interval;
    private final long roundsPerTrial;
    private long trial = NONE;
    private long scheduledRounds;

    FastestUploadPolicy(int slots, Duration interval, Duration trialInterval) {
        this.slots = slots;
        this.interval = interval;
        this.roundsPerTrial = Math.max(1, Math.round((double) trialInterval.toMillis() / interval.toMillis()));
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public Set<ChokingEvent> triggers() {
        return TRIGGERS;
    }

    @Override
    public ChokingDecision rechoke(ChokingView view, boolean scheduled) {
        int limit = view.maxUnchoked();
        int regularSlots = limit > 1 ? Math.min(slots, limit - 1) : limit;
        List<PeerStats> interested = view.peers().stream().filter(PeerStats::interested).sorted(FASTEST).toList();

        var decision = new ChokingDecision();
        interested.stream().limit(regularSlots).forEach(peer -> decision.unchoke(peer.id()));
        List<PeerStats> others = interested.stream().filter(peer -> !decision.isUnchoked(peer.id())).toList();
        boolean nextTrial = scheduled && scheduledRounds++ % roundsPerTrial == 0;
        if (nextTrial || others.stream().noneMatch(peer -> peer.id() == trial)) {
            trial = others.stream().filter(peer -> peer.id() != trial).min(LEAST_TRIED).map(PeerStats::id)
                    .orElse(others.isEmpty() ? NONE : others.getFirst().id());
        }
        if (trial != NONE && limit > regularSlots) {
            decision.optimistic(trial);
        }
        return decision;
    }
}
