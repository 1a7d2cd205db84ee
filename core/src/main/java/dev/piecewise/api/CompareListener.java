package dev.piecewise.api;

import java.time.Duration;

/**
 * Told how a comparison advances, on the thread that runs it. Every method does nothing by default; a listener must
 * return quickly.
 */
public interface CompareListener {

    /** Listens to nothing. */
    CompareListener NONE = new CompareListener() {
    };

    /** Run {@code run} of {@code runs} of a strategy is starting. */
    default void runStarted(String strategy, int run, int runs) {
    }

    /** Within a run, {@code completed} of {@code leechers} leechers have completed after {@code elapsed} of swarm time. */
    default void progress(String strategy, int run, int completed, int leechers, Duration elapsed) {
    }

    /**
     * A run ended.
     *
     * @param finished          whether every leecher completed
     * @param medianCompletion  the leechers' median completion time in seconds (NaN when none completed)
     */
    default void runFinished(String strategy, int run, boolean finished, double medianCompletion) {
    }

    /** Something the user should know about the comparison (a caveat, a setting chosen for them). */
    default void note(String message) {
    }
}
