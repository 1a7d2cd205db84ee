package dev.piecewise.plugin.roundrobin;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingView;
import dev.piecewise.spi.choking.PeerStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.Set;

/** One torrent's rotation; see {@link RoundRobinProvider}. */
final class RoundRobinPolicy implements ChokingPolicy {

    private static final Set<ChokingEvent> TRIGGERS = EnumSet.of(ChokingEvent.PEER_INTERESTED,
            ChokingEvent.PEER_NOT_INTERESTED, ChokingEvent.PEER_DISCONNECTED, ChokingEvent.BECAME_SEED);

    private final int slots;
    private final Duration interval;
    /** Every connected peer seen interested, the one that has waited longest for a slot first. */
    private final SequencedSet<Long> queue = new LinkedHashSet<>();

    RoundRobinPolicy(int slots, Duration interval) {
        this.slots = slots;
        this.interval = interval;
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
        int limit = Math.min(slots, view.maxUnchoked());
        List<PeerStats> interested = new ArrayList<>();
        Set<Long> connected = new HashSet<>();
        for (PeerStats peer : view.peers()) {
            connected.add(peer.id());
            if (peer.interested()) {
                interested.add(peer);
                queue.add(peer.id()); // a newcomer joins the back of the queue
            }
        }
        queue.retainAll(connected);

        var decision = new ChokingDecision();
        if (!view.seeding() && limit > 1) {
            interested.stream()
                    .filter(peer -> peer.downloadRate() > 0 && !peer.snubbed())
                    .sorted(Comparator.comparingDouble(PeerStats::downloadRate).reversed()
                            .thenComparingLong(PeerStats::id))
                    .limit(limit - 1)
                    .forEach(peer -> decision.unchoke(peer.id()));
        }
        if (!scheduled) {
            // between turns, whoever has a slot keeps it; only free slots are refilled
            interested.stream().filter(peer -> !peer.amChoking()).limit(limit - decision.unchoked().size())
                    .forEach(peer -> decision.unchoke(peer.id()));
        }
        Set<Long> wanting = new HashSet<>();
        interested.forEach(peer -> wanting.add(peer.id()));
        for (Long id : List.copyOf(queue)) {
            if (decision.unchoked().size() >= limit) {
                break;
            }
            if (wanting.contains(id) && !decision.isUnchoked(id)) {
                decision.unchoke(id);
                queue.remove(id);
                queue.add(id); // served: to the back of the queue
            }
        }
        return decision;
    }
}
