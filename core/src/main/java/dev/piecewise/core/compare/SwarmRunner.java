package dev.piecewise.core.compare;

import dev.piecewise.core.swarm.RunOutcome;

import java.util.List;

/** Runs one strategy once in a swarm of some kind (simulated, lab, live), with fresh state every time. */
public interface SwarmRunner extends AutoCloseable {

    /** Told how a run advances. */
    @FunctionalInterface
    interface Progress {
        void advanced(int completed, int leechers, long elapsedMillis);
    }

    /** The swarm in one line, for reports. */
    String setup();

    /** Caveats the user should see with the results. */
    default List<String> notes() {
        return List.of();
    }

    /**
     * Runs {@code strategy} once.
     *
     * @param run  the run's number, from 1
     * @param seed the run's random seed: the same for every strategy's run of that number, so that each meets the same
     *             swarm
     */
    RunOutcome run(String strategy, int run, long seed, Progress progress);

    /** Releases what the runs share (the lab's payload); nothing by default. */
    @Override
    default void close() {
    }
}
