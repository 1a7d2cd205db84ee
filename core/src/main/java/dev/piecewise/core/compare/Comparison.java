package dev.piecewise.core.compare;

import dev.piecewise.api.CompareListener;
import dev.piecewise.api.CompareRequest;
import dev.piecewise.api.CompareResult;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.core.swarm.PeerOutcome;
import dev.piecewise.core.swarm.RunOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a comparison: every strategy {@code runs} times in the same swarm, then the figures, then the files. Run
 * {@code r} of every strategy gets the same seed, so each strategy meets the same swarm.
 */
public final class Comparison {

    private static final Logger log = LoggerFactory.getLogger(Comparison.class);

    private Comparison() {
    }

    /** What a comparison produced: the API's result and every run's raw outcome. */
    public record Outcome(CompareResult result, List<StrategyRuns> runs) {
    }

    /**
     * Runs the comparison on the calling thread.
     *
     * @param strategies the strategy specs, resolved to their full ids
     * @throws PiecewiseException when a file cannot be written (the runs' figures are lost only then: every run is
     *                            done by that time, and the message names the file)
     */
    public static Outcome run(CompareRequest request, String torrentName, List<String> strategies, String choking,
                              int runs, long seed, SwarmRunner swarm, CompareListener listener) {
        checkWritable(request);
        List<String> notes = swarm.notes();
        notes.forEach(listener::note);
        List<StrategyRuns> all = new ArrayList<>();
        for (String strategy : strategies) {
            List<RunOutcome> outcomes = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                listener.runStarted(strategy, run, runs);
                int number = run;
                RunOutcome outcome = swarm.run(strategy, run, runSeed(seed, run),
                        (completed, leechers, millis) -> listener.progress(strategy, number, completed, leechers,
                                Duration.ofMillis(millis)));
                outcomes.add(outcome);
                listener.runFinished(strategy, run, outcome.finished(), CompareResult.Spread.of(outcome.leechers()
                        .stream().mapToDouble(PeerOutcome::completionSeconds).toArray()).median());
            }
            all.add(new StrategyRuns(strategy, outcomes));
        }
        List<CompareResult.Strategy> figures = all.stream().map(s -> Metrics.of(s.strategy(), s.runs())).toList();
        CompareResult result = new CompareResult(request.swarm(), torrentName, choking, runs, seed, swarm.setup(),
                figures, notes, List.of());
        List<Path> written = write(request, result, all);
        return new Outcome(new CompareResult(result.swarm(), result.torrent(), result.choking(), result.runs(),
                result.seed(), result.setup(), result.strategies(), result.notes(), written), all);
    }

    /** Run {@code run}'s seed: distinct per run, equal across strategies (a SplitMix64 step of the root seed). */
    static long runSeed(long seed, int run) {
        long z = seed + run * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static List<Path> write(CompareRequest request, CompareResult result, List<StrategyRuns> runs) {
        List<Path> written = new ArrayList<>();
        if (request.report().isPresent()) {
            written.add(writeFile(request.report().get(), HtmlReport.render(result)));
        }
        if (request.csv().isPresent()) {
            written.add(writeFile(request.csv().get(), Exports.csv(runs)));
        }
        if (request.json().isPresent()) {
            written.add(writeFile(request.json().get(), Exports.json(result, runs)));
        }
        return written;
    }

    /** Refuses, before anything runs, an output file that could not be written at the end. */
    private static void checkWritable(CompareRequest request) {
        for (var target : List.of(request.report(), request.csv(), request.json())) {
            if (target.isEmpty()) {
                continue;
            }
            Path absolute = target.get().toAbsolutePath();
            if (Files.isDirectory(absolute)) {
                throw new PiecewiseException("cannot write " + absolute + ": it is a directory");
            }
            try {
                Files.createDirectories(absolute.getParent());
            } catch (IOException e) {
                throw new PiecewiseException("cannot write " + absolute + ": its directory cannot be created ("
                        + e.getClass().getSimpleName() + " " + e.getMessage() + ")", e);
            }
            if (!Files.isWritable(absolute.getParent())) {
                throw new PiecewiseException("cannot write " + absolute + ": its directory is not writable");
            }
        }
    }

    /** Writes through a temporary file in the same directory, so that a failed write leaves no half file behind. */
    private static Path writeFile(Path target, String content) {
        Path absolute = target.toAbsolutePath();
        try {
            Path directory = absolute.getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".piecewise-", ".tmp");
            try {
                Files.writeString(temporary, content, StandardCharsets.UTF_8);
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return absolute;
        } catch (IOException e) {
            log.info("cannot write {}", absolute, e);
            throw new PiecewiseException("cannot write " + absolute + ": " + e.getClass().getSimpleName() + " "
                    + e.getMessage(), e);
        }
    }
}
