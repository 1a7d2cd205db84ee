package dev.piecewise.core.sim;

import dev.piecewise.core.swarm.RunOutcome;

/**
 * A deterministic discrete-event simulator of a BitTorrent swarm in which every peer runs the core's real piece picker
 * and choker with its own instances of the strategy and choking policy being compared. The same scenario, policies and
 * seed give the same outcome, bit for bit: all randomness comes from one {@link java.util.SplittableRandom} split per
 * peer, events at the same time run in the order they were scheduled, and nothing reads a clock, a thread or a hash
 * order. The model is described in {@code modules-info-docs/simulator.md}.
 */
public final class Simulator {

    private Simulator() {
    }

    /**
     * Runs one simulation on the calling thread.
     *
     * @param run      the run's number, recorded in the outcome
     * @param seed     the root of all randomness in the run
     * @param progress told as leechers complete
     * @throws java.util.concurrent.CancellationException when the thread is interrupted
     * @throws dev.piecewise.api.PiecewiseException       when a plugin fails to create its strategy or policy
     */
    public static RunOutcome run(SimScenario scenario, SimPolicies policies, int run, long seed, SimProgress progress) {
        return new SimRun(scenario, policies, run, seed, progress).run();
    }
}
