package dev.piecewise.core.compare;

import dev.piecewise.api.CompareResult;
import dev.piecewise.api.CompareResult.Spread;
import dev.piecewise.core.swarm.AvailabilitySample;
import dev.piecewise.core.swarm.PeerOutcome;
import dev.piecewise.core.swarm.RunOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Turns one strategy's runs into its figures: the one place that defines each metric of a comparison.
 *
 * <ul>
 *   <li>completion and first-piece times: seconds from a leecher's arrival, pooled over every run's leechers;</li>
 *   <li>seed copies: per run, the initial seeds' upload until every piece had been completed by some leecher, over
 *       the torrent's size;</li>
 *   <li>rarest copies: per run, the mean over the availability samples taken while leechers were downloading (up to
 *       the last completion) of the copies of the rarest piece among the leechers present;</li>
 *   <li>upload utilization: per contributing leecher, bytes uploaded over capacity times time present;</li>
 *   <li>share ratios and completion times by class of leecher.</li>
 * </ul>
 */
public final class Metrics {

    /** The most points a time series keeps; longer runs are averaged into wider steps. */
    static final int MAX_POINTS = 200;

    private Metrics() {
    }

    /** The figures of {@code strategy} from its runs (at least one). */
    public static CompareResult.Strategy of(String strategy, List<RunOutcome> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs of " + strategy);
        }
        List<PeerOutcome> leechers = runs.stream().flatMap(run -> run.leechers().stream()).toList();
        double[] completions = values(leechers, PeerOutcome::completionSeconds);
        double[] sortedCompletions = java.util.Arrays.stream(completions).filter(v -> !Double.isNaN(v)).sorted()
                .toArray();
        List<Double> completionTimes = new ArrayList<>();
        for (double value : sortedCompletions) {
            completionTimes.add(value);
        }
        return new CompareResult.Strategy(strategy, runs.getFirst().leechers().size(), sortedCompletions.length,
                Spread.of(completions),
                Spread.of(values(leechers, PeerOutcome::firstPieceSeconds)),
                Spread.of(runs.stream().mapToDouble(RunOutcome::seedCopiesUntilAllOut).toArray()),
                Spread.of(values(leechers, peer -> peer.duplicateBytes())),
                Spread.of(values(leechers, peer -> peer.wastedBytes())),
                Spread.of(runs.stream().mapToDouble(Metrics::rarestCopiesWhileDownloading).toArray()),
                Spread.of(values(leechers, PeerOutcome::uploadUtilization)),
                classes(leechers), completionTimes, rarestCopiesOverTime(runs));
    }

    private static double[] values(List<PeerOutcome> peers, ToDoubleFunction<PeerOutcome> metric) {
        return peers.stream().mapToDouble(metric).toArray();
    }

    private static List<CompareResult.PeerClass> classes(List<PeerOutcome> leechers) {
        Map<String, List<PeerOutcome>> byClass = new LinkedHashMap<>();
        for (PeerOutcome leecher : leechers) {
            byClass.computeIfAbsent(leecher.peerClass(), name -> new ArrayList<>()).add(leecher);
        }
        List<CompareResult.PeerClass> classes = new ArrayList<>();
        byClass.forEach((name, members) -> classes.add(new CompareResult.PeerClass(name, members.size(),
                Spread.of(values(members, PeerOutcome::completionSeconds)),
                Spread.of(values(members, PeerOutcome::shareRatio)))));
        return classes;
    }

    /** The mean copies of the rarest piece over the samples up to the last completion (NaN without samples). */
    static double rarestCopiesWhileDownloading(RunOutcome run) {
        long lastCompletion = run.leechers().stream().mapToLong(PeerOutcome::completion).max()
                .orElse(PeerOutcome.NEVER);
        long until = run.finished() && lastCompletion != PeerOutcome.NEVER ? lastCompletion : run.durationMillis();
        return run.availability().stream().filter(sample -> sample.millis() <= until && sample.leechers() > 0)
                .mapToInt(AvailabilitySample::minCopies).average().orElse(Double.NaN);
    }

    /** The rarest piece's copies over time, averaged over runs in steps of equal width (at most MAX_POINTS). */
    static List<CompareResult.Point> rarestCopiesOverTime(List<RunOutcome> runs) {
        long longest = runs.stream().mapToLong(RunOutcome::durationMillis).max().orElse(0);
        long step = Math.max(1, (longest + MAX_POINTS - 1) / MAX_POINTS);
        Map<Long, double[]> sums = new TreeMap<>();
        for (RunOutcome run : runs) {
            for (AvailabilitySample sample : run.availability()) {
                double[] sum = sums.computeIfAbsent(sample.millis() / step, bucket -> new double[2]);
                sum[0] += sample.minCopies();
                sum[1]++;
            }
        }
        List<CompareResult.Point> points = new ArrayList<>();
        sums.forEach((bucket, sum) -> points.add(new CompareResult.Point(bucket * step / 1000.0, sum[0] / sum[1])));
        return points;
    }
}
