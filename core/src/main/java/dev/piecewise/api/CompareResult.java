package dev.piecewise.api;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a comparison found, per strategy: medians and spreads over runs and peers, and the series its charts draw.
 *
 * @param swarm      where it ran
 * @param torrent    the torrent's name
 * @param choking    the choking policy every peer ran
 * @param runs       runs per strategy
 * @param seed       the root of its randomness
 * @param setup      the swarm in one line (seeds, leechers, rates, arrivals)
 * @param strategies one entry per strategy, in the order asked
 * @param notes      caveats about the comparison
 * @param written    the report and export files written
 */
public record CompareResult(CompareRequest.Swarm swarm, String torrent, String choking, int runs, long seed,
                            String setup, List<Strategy> strategies, List<String> notes, List<Path> written) {

    public CompareResult {
        strategies = List.copyOf(strategies);
        notes = List.copyOf(notes);
        written = List.copyOf(written);
    }

    /**
     * One strategy's figures. Spreads over leechers pool every run's leechers; per-run figures spread over runs.
     *
     * @param strategy            the strategy spec
     * @param leechers            leechers per run
     * @param completed           leechers that completed, over all runs
     * @param completionSeconds   per completed leecher: seconds from joining to completion
     * @param firstPieceSeconds   per leecher: seconds from joining to its first verified piece
     * @param seedCopies          per run: what the initial seeds uploaded until every piece had reached some leecher,
     *                            in copies of the torrent (1.0 is ideal)
     * @param duplicateBytes      per leecher: bytes received that it already had
     * @param wastedBytes         per leecher: bytes of pieces that failed their hash check
     * @param rarestCopies        per run: copies of the rarest piece among the leechers, averaged over the time they
     *                            were downloading
     * @param uploadUtilization   per contributing leecher: the share of its upload capacity it used while present
     * @param classes             the same by class of leecher (seeds excluded)
     * @param completionTimes     every completion time in seconds, ascending (the completion-time CDF)
     * @param rarestCopiesOverTime copies of the rarest piece among the leechers over time, averaged over runs
     */
    public record Strategy(String strategy, int leechers, int completed, Spread completionSeconds,
                           Spread firstPieceSeconds, Spread seedCopies, Spread duplicateBytes, Spread wastedBytes,
                           Spread rarestCopies, Spread uploadUtilization, List<PeerClass> classes,
                           List<Double> completionTimes, List<Point> rarestCopiesOverTime) {

        public Strategy {
            classes = List.copyOf(classes);
            completionTimes = List.copyOf(completionTimes);
            rarestCopiesOverTime = List.copyOf(rarestCopiesOverTime);
        }
    }

    /**
     * One class of leechers under one strategy.
     *
     * @param name              the class ({@code leecher}, {@code free-rider}, ...)
     * @param peers             its leechers over all runs
     * @param completionSeconds per completed leecher of the class
     * @param shareRatio        per leecher of the class: bytes uploaded over bytes downloaded
     */
    public record PeerClass(String name, int peers, Spread completionSeconds, Spread shareRatio) {
    }

    /** A point of a series: a value at a time in seconds from the start of the runs. */
    public record Point(double seconds, double value) {
    }

    /**
     * The distribution of a figure: how many values, their minimum, quartiles, median and maximum. All NaN when there
     * are no values.
     */
    public record Spread(int count, double min, double p25, double median, double p75, double max) {

        /** The spread of the values that are numbers (NaNs are left out). */
        public static Spread of(double... values) {
            double[] sorted = Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
            if (sorted.length == 0) {
                return new Spread(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Spread(sorted.length, sorted[0], quantile(sorted, 0.25), quantile(sorted, 0.5),
                    quantile(sorted, 0.75), sorted[sorted.length - 1]);
        }

        /** Linear interpolation between the closest ranks (the usual "type 7" quantile). */
        private static double quantile(double[] sorted, double q) {
            double rank = q * (sorted.length - 1);
            int below = (int) Math.floor(rank);
            int above = Math.min(below + 1, sorted.length - 1);
            return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
        }

        public boolean isEmpty() {
            return count == 0;
        }
    }

    /** The figures of one strategy. */
    public Strategy strategy(String spec) {
        Objects.requireNonNull(spec, "spec");
        return strategies.stream().filter(s -> s.strategy().equals(spec)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no strategy " + spec + " in this comparison"));
    }
}
