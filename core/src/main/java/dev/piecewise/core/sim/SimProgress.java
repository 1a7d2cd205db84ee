package dev.piecewise.core.sim;

/** Told how a simulated run advances: after each simulated second in which a leecher completed, and at the end. */
@FunctionalInterface
public interface SimProgress {

    SimProgress NONE = (completed, leechers, millis) -> { };

    /**
     * @param completed leechers that have completed
     * @param leechers  leechers in the plan
     * @param millis    the simulated time
     */
    void advanced(int completed, int leechers, long millis);
}
