package dev.piecewise.core.choke;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingView;
import dev.piecewise.spi.choking.PeerStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The policy a torrent falls back to when its chosen one fails: built into the core and never registered, so it is
 * there whatever plugins are loaded. Every 10 seconds it unchokes the four interested peers with the best rate (what
 * they send us while downloading, what we send them while seeding; snubbing peers excluded while downloading), and
 * every third round one other interested peer at random. It stays within the core's limit whatever it is.
 */
final class SafeChokingPolicy implements ChokingPolicy {

    static final String ID = "built-in fallback";
    private static final int REGULAR_SLOTS = 4;
    private static final int ROUNDS_PER_OPTIMISTIC = 3;
    private static final Set<ChokingEvent> TRIGGERS = EnumSet.of(ChokingEvent.PEER_INTERESTED,
            ChokingEvent.PEER_NOT_INTERESTED, ChokingEvent.PEER_DISCONNECTED, ChokingEvent.BECAME_SEED);

    private final RandomGenerator random;
    private long optimistic = -1;
    private int round;

    SafeChokingPolicy(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Set<ChokingEvent> triggers() {
        return TRIGGERS;
    }

    @Override
    public ChokingDecision rechoke(ChokingView view, boolean scheduled) {
        int limit = view.maxUnchoked();
        int regularSlots = limit > 1 ? Math.min(REGULAR_SLOTS, limit - 1) : limit;
        List<PeerStats> interested = new ArrayList<>();
        for (PeerStats peer : view.peers()) {
            if (peer.interested()) {
                interested.add(peer);
            }
        }
        Comparator<PeerStats> byRate = view.seeding()
                ? Comparator.comparingDouble(PeerStats::uploadRate)
                : Comparator.comparingDouble(PeerStats::downloadRate);
        interested.sort(byRate.reversed().thenComparingLong(PeerStats::id));

        var decision = new ChokingDecision();
        List<PeerStats> others = new ArrayList<>();
        for (PeerStats peer : interested) {
            boolean eligible = view.seeding() || !peer.snubbed();
            if (eligible && decision.unchoked().size() < regularSlots) {
                decision.unchoke(peer.id());
            } else {
                others.add(peer);
            }
        }
        if (limit > regularSlots && !others.isEmpty()) {
            boolean rotate = scheduled && round++ % ROUNDS_PER_OPTIMISTIC == 0;
            if (rotate || others.stream().noneMatch(p -> p.id() == optimistic)) {
                optimistic = others.get(random.nextInt(others.size())).id();
            }
            decision.optimistic(optimistic);
        }
        return decision;
    }
}
