package dev.piecewise.plugin.titfortat;

import dev.piecewise.spi.Options;
import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingView;
import dev.piecewise.spi.choking.PeerStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/** One torrent's tit-for-tat choker; see {@link TitForTatProvider} for the algorithm. */
final class TitForTatPolicy implements ChokingPolicy {

    // interest changes and departures can change who deserves a slot now, not in ten seconds
    private static final Set<ChokingEvent> TRIGGERS = EnumSet.of(ChokingEvent.PEER_INTERESTED,
            ChokingEvent.PEER_NOT_INTERESTED, ChokingEvent.PEER_DISCONNECTED, ChokingEvent.BECAME_SEED);

    private final int slots;
    private final int optimisticSlots;
    private final Duration interval;
    private final long roundsPerRotation;
    private final long snubMillis;
    private final long newPeerMillis;
    private final double newPeerWeight;
    private final RandomGenerator random;

    /** The peers unchoked regardless of rate, oldest pick first. */
    private final SequencedSet<Long> optimistic = new LinkedHashSet<>();
    private long scheduledRounds;

    TitForTatPolicy(Options options, RandomGenerator random) {
        this.slots = (int) options.integer(TitForTatProvider.SLOTS);
        this.optimisticSlots = (int) options.integer(TitForTatProvider.OPTIMISTIC_SLOTS);
        this.interval = options.duration(TitForTatProvider.INTERVAL);
        Duration rotation = options.duration(TitForTatProvider.OPTIMISTIC_INTERVAL);
        this.roundsPerRotation = Math.max(1, Math.round((double) rotation.toMillis() / interval.toMillis()));
        this.snubMillis = options.duration(TitForTatProvider.SNUB_TIME).toMillis();
        this.newPeerMillis = options.duration(TitForTatProvider.NEW_PEER_AGE).toMillis();
        this.newPeerWeight = options.decimal(TitForTatProvider.NEW_PEER_WEIGHT);
        this.random = random;
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
        int regularSlots = Math.min(slots, limit);
        int optimisticCount = Math.min(optimisticSlots, limit - regularSlots);
        if (optimisticCount == 0 && optimisticSlots > 0 && regularSlots > 1) {
            regularSlots--; // exploring matters more than a fifth regular peer
            optimisticCount = 1;
        }
        ToDoubleFunction<PeerStats> rate = view.seeding() ? PeerStats::uploadRate : PeerStats::downloadRate;
        Comparator<PeerStats> fastestFirst = Comparator.comparingDouble(rate).reversed()
                .thenComparingLong(PeerStats::id);

        List<PeerStats> regular = new ArrayList<>();
        for (PeerStats peer : view.peers()) {
            if (peer.interested() && rate.applyAsDouble(peer) > 0 && !snubs(peer, view)) {
                regular.add(peer);
            }
        }
        regular.sort(fastestFirst);
        if (regular.size() > regularSlots) {
            regular.subList(regularSlots, regular.size()).clear();
        }

        var decision = new ChokingDecision();
        regular.forEach(peer -> decision.unchoke(peer.id()));
        boolean rotate = scheduled && scheduledRounds++ % roundsPerRotation == 0;
        int unfilledRegular = regularSlots - regular.size();
        pickOptimistic(view, decision, optimisticCount + unfilledRegular, rotate);
        optimistic.forEach(decision::optimistic);

        double threshold = regular.isEmpty() || unfilledRegular > 0 ? 0 : rate.applyAsDouble(regular.getLast());
        view.peers().stream()
                .filter(peer -> !peer.interested() && !peer.seed() && rate.applyAsDouble(peer) > threshold)
                .sorted(fastestFirst)
                .limit(Math.max(0, limit - decision.unchoked().size()))
                .forEach(peer -> decision.unchoke(peer.id()));
        return decision;
    }

    /** Whether the peer has kept us waiting for a block past the snub time (only a downloader can be snubbed). */
    private boolean snubs(PeerStats peer, ChokingView view) {
        long waitingSince = peer.waitingSinceMillis();
        return !view.seeding() && waitingSince != Long.MAX_VALUE && view.nowMillis() - waitingSince >= snubMillis;
    }

    /** Keeps or redraws the optimistic picks among the interested peers without a regular slot. */
    private void pickOptimistic(ChokingView view, ChokingDecision regular, int wanted, boolean rotate) {
        List<PeerStats> candidates = new ArrayList<>();
        for (PeerStats peer : view.peers()) {
            if (peer.interested() && !regular.isUnchoked(peer.id())) {
                candidates.add(peer);
            }
        }
        Set<Long> previous = Set.copyOf(optimistic);
        if (rotate) {
            optimistic.clear();
        } else {
            optimistic.removeIf(id -> candidates.stream().noneMatch(peer -> peer.id() == id));
        }
        while (optimistic.size() > wanted) {
            optimistic.removeLast();
        }
        List<PeerStats> fresh = new ArrayList<>(candidates.stream().filter(p -> !previous.contains(p.id())).toList());
        List<PeerStats> again = new ArrayList<>(candidates.stream()
                .filter(p -> previous.contains(p.id()) && !optimistic.contains(p.id())).toList());
        while (optimistic.size() < wanted && !(fresh.isEmpty() && again.isEmpty())) {
            List<PeerStats> pool = fresh.isEmpty() ? again : fresh; // rotate away from the last picks if we can
            optimistic.add(pool.remove(weightedIndex(pool, view.nowMillis())).id());
        }
    }

    /** A random index into {@code peers}, new peers weighing {@code new-peer-weight} times as much as others. */
    private int weightedIndex(List<PeerStats> peers, long now) {
        double total = 0;
        for (PeerStats peer : peers) {
            total += weight(peer, now);
        }
        double point = random.nextDouble() * total;
        for (int i = 0; i < peers.size() - 1; i++) {
            point -= weight(peers.get(i), now);
            if (point < 0) {
                return i;
            }
        }
        return peers.size() - 1;
    }

    private double weight(PeerStats peer, long now) {
        return now - peer.connectedMillis() < newPeerMillis ? newPeerWeight : 1;
    }
}
