package dev.piecewise.plugin.propshare;

import dev.piecewise.spi.Options;
import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingDecision.Slot;
import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingView;
import dev.piecewise.spi.choking.PeerStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/** One torrent's PropShare rounds; see {@link PropShareProvider}. */
final class PropSharePolicy implements ChokingPolicy {

    // a newly interested peer or a departed one can leave an optimistic place empty; fill it without a round's wait
    private static final Set<ChokingEvent> TRIGGERS = EnumSet.of(ChokingEvent.PEER_INTERESTED,
            ChokingEvent.PEER_DISCONNECTED);

    private final double optimisticShare;
    private final int optimisticPeers;
    private final int bootstrapPeers;
    private final Duration interval;
    private final long roundsPerRotation;
    private final RandomGenerator random;

    /** Each peer's {@code downloaded()} when the current round began. */
    private final Map<Long, Long> roundStart = new HashMap<>();
    /** What each peer sent us in the last complete round. */
    private final Map<Long, Long> contribution = new HashMap<>();
    private final SequencedSet<Long> optimistic = new LinkedHashSet<>();
    private long rounds;

    PropSharePolicy(Options options, RandomGenerator random) {
        this.optimisticShare = options.decimal(PropShareProvider.OPTIMISTIC_SHARE);
        this.optimisticPeers = (int) options.integer(PropShareProvider.OPTIMISTIC_PEERS);
        this.bootstrapPeers = (int) options.integer(PropShareProvider.BOOTSTRAP_PEERS);
        this.interval = options.duration(PropShareProvider.INTERVAL);
        Duration rotation = options.duration(PropShareProvider.OPTIMISTIC_INTERVAL);
        this.roundsPerRotation = Math.max(1, Math.round((double) rotation.toMillis() / interval.toMillis()));
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
        if (scheduled) {
            closeRound(view.peers());
        }
        int limit = view.maxUnchoked();
        List<PeerStats> contributors = new ArrayList<>();
        for (PeerStats peer : view.peers()) {
            if (peer.interested() && contribution.getOrDefault(peer.id(), 0L) > 0) {
                contributors.add(peer);
            }
        }
        contributors.sort(Comparator.comparingLong((PeerStats peer) -> contribution.get(peer.id())).reversed()
                .thenComparingLong(PeerStats::id));
        int optimisticCount = contributors.isEmpty()
                ? Math.min(bootstrapPeers, limit)
                : Math.min(optimisticPeers, Math.max(0, limit - 1));
        if (contributors.size() > limit - optimisticCount) {
            contributors.subList(limit - optimisticCount, contributors.size()).clear();
        }
        boolean rotate = scheduled && rounds++ % roundsPerRotation == 0;
        pickOptimistic(view.peers(), contributors, optimisticCount, rotate);

        var decision = new ChokingDecision();
        double total = contributors.stream().mapToLong(peer -> contribution.get(peer.id())).sum();
        double reciprocalShare = optimistic.isEmpty() ? 1 : 1 - optimisticShare;
        double optimisticEach = (contributors.isEmpty() ? 1 : optimisticShare) / Math.max(1, optimistic.size());
        for (PeerStats peer : contributors) {
            decision.unchoke(peer.id(), Slot.REGULAR, reciprocalShare * contribution.get(peer.id()) / total);
        }
        optimistic.forEach(id -> decision.unchoke(id, Slot.OPTIMISTIC, optimisticEach));
        return decision;
    }

    /** Records what every peer sent us in the round that ends now, and starts the next. */
    private void closeRound(List<PeerStats> peers) {
        contribution.clear();
        Set<Long> connected = new HashSet<>();
        for (PeerStats peer : peers) {
            connected.add(peer.id());
            // a peer first seen now counts everything it sent since it connected
            long before = roundStart.getOrDefault(peer.id(), 0L);
            contribution.put(peer.id(), Math.max(0, peer.downloaded() - before));
            roundStart.put(peer.id(), peer.downloaded());
        }
        roundStart.keySet().retainAll(connected);
    }

    /** Keeps, tops up or (on rotation) redraws the optimistic peers among the interested peers without a share. */
    private void pickOptimistic(List<PeerStats> peers, List<PeerStats> contributors, int wanted, boolean rotate) {
        Set<Long> rewarded = new HashSet<>();
        contributors.forEach(peer -> rewarded.add(peer.id()));
        List<Long> candidates = new ArrayList<>();
        for (PeerStats peer : peers) {
            if (peer.interested() && !rewarded.contains(peer.id())) {
                candidates.add(peer.id());
            }
        }
        Set<Long> previous = rotate ? Set.copyOf(optimistic) : Set.of();
        optimistic.retainAll(rotate ? Set.of() : candidates);
        while (optimistic.size() > wanted) {
            optimistic.removeLast();
        }
        candidates.removeAll(optimistic);
        long others = candidates.stream().filter(id -> !previous.contains(id)).count();
        if (others >= wanted - optimistic.size()) {
            candidates.removeAll(previous); // enough others are waiting: rotate to them
        }
        while (optimistic.size() < wanted && !candidates.isEmpty()) {
            optimistic.add(candidates.remove(random.nextInt(candidates.size())));
        }
    }
}
