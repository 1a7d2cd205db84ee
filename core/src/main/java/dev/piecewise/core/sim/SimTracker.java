package dev.piecewise.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The simulated tracker: knows who is present, in arrival order, and answers an announce with random peers. */
final class SimTracker {

    private final List<SimPeer> present = new ArrayList<>();
    private final SplittableRandom random;

    SimTracker(SplittableRandom random) {
        this.random = random;
    }

    void join(SimPeer peer) {
        present.add(peer);
    }

    void leave(SimPeer peer) {
        present.remove(peer);
    }

    /** The peers present, in arrival order. */
    List<SimPeer> present() {
        return present;
    }

    /** Up to {@code count} peers other than {@code asking}, drawn at random without repetition. */
    List<SimPeer> answer(SimPeer asking, int count) {
        List<SimPeer> candidates = new ArrayList<>(present);
        candidates.remove(asking);
        int wanted = Math.min(count, candidates.size());
        for (int i = 0; i < wanted; i++) {
            int pick = i + random.nextInt(candidates.size() - i);
            SimPeer chosen = candidates.get(pick);
            candidates.set(pick, candidates.get(i));
            candidates.set(i, chosen);
        }
        return candidates.subList(0, wanted);
    }
}
