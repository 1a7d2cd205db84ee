package dev.piecewise.core.swarm;

/**
 * How widely the pieces were spread among the leechers present at one moment (the initial seeds not counted):
 * the number of verified copies of the rarest and of the average piece.
 *
 * @param millis     when, from the start of the run
 * @param minCopies  copies of the rarest piece among the leechers present
 * @param meanCopies copies of a piece on average
 * @param leechers   leechers present (complete ones that stay included)
 * @param completed  leechers that have completed so far, present or gone
 */
public record AvailabilitySample(long millis, int minCopies, double meanCopies, int leechers, int completed) {
}
