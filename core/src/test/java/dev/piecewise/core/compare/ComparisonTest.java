package dev.piecewise.core.compare;

import dev.piecewise.api.CompareListener;
import dev.piecewise.api.CompareRequest;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.sim.TestPolicies;
import dev.piecewise.core.swarm.RunOutcome;
import dev.piecewise.core.swarm.SwarmPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {

    private static final PieceGeometry GEOMETRY = new PieceGeometry(48L * 32 * 1024, 32 * 1024);

    @TempDir
    Path directory;

    private SimSwarm swarm(SwarmPlan plan) {
        return new SimSwarm(GEOMETRY, plan, Map.of("test-rarest", TestPolicies.rarest(),
                "test-lowest", TestPolicies.lowest()));
    }

    private static CompareRequest request(Path report, Path csv, Path json) {
        return new CompareRequest(Path.of("demo.torrent"), List.of("test-rarest", "test-lowest"), Optional.empty(),
                Map.of(), CompareRequest.Swarm.SIM, OptionalInt.of(2), OptionalLong.of(5), CompareRequest.Shape.DEFAULT,
                Optional.ofNullable(report), Optional.ofNullable(csv), Optional.ofNullable(json));
    }

    @Test
    void runsEveryStrategyInTheSameSwarmsAndWritesTheFiles() throws IOException {
        SwarmPlan plan = SwarmDefaults.plan(CompareRequest.Swarm.SIM, new CompareRequest.Shape(OptionalInt.empty(),
                OptionalInt.of(12), OptionalInt.of(2), OptionalLong.empty(), OptionalLong.empty()),
                GEOMETRY.totalLength());
        Path report = directory.resolve("out/report.html");
        Path csv = directory.resolve("out/runs.csv");
        Path json = directory.resolve("out/runs.json");
        List<String> events = new ArrayList<>();
        CompareListener listener = new CompareListener() {
            @Override
            public void runStarted(String strategy, int run, int runs) {
                events.add("start " + strategy + " " + run + "/" + runs);
            }

            @Override
            public void progress(String strategy, int run, int completed, int leechers, Duration elapsed) {
                assertEquals(12, leechers);
            }

            @Override
            public void runFinished(String strategy, int run, boolean finished, double medianCompletion) {
                events.add("end " + strategy + " " + run + " " + finished);
            }
        };

        Comparison.Outcome outcome = Comparison.run(request(report, csv, json), "demo", List.of("test-rarest",
                "test-lowest"), "test-unchoke", 2, 5, swarm(plan), listener);

        assertEquals(List.of("start test-rarest 1/2", "end test-rarest 1 true", "start test-rarest 2/2",
                "end test-rarest 2 true", "start test-lowest 1/2", "end test-lowest 1 true", "start test-lowest 2/2",
                "end test-lowest 2 true"), events);
        List<RunOutcome> rarest = outcome.runs().get(0).runs();
        List<RunOutcome> lowest = outcome.runs().get(1).runs();
        for (int run = 0; run < 2; run++) {
            assertEquals(rarest.get(run).seed(), lowest.get(run).seed(), "run " + (run + 1) + " meets the same swarm");
            assertEquals(rarest.get(run).peers().stream().map(p -> p.arrival()).toList(),
                    lowest.get(run).peers().stream().map(p -> p.arrival()).toList());
        }
        assertTrue(rarest.get(0).seed() != rarest.get(1).seed(), "runs differ");
        assertEquals(List.of(report, csv, json), outcome.result().written());
        assertEquals(1 + 2 * 2 * 13, Files.readAllLines(csv).size(), "a row per peer per run");
        JsonShape.check(Files.readString(json));
        assertTrue(Files.readString(report).contains("test-lowest"));
        assertEquals(12, outcome.result().strategy("test-rarest").leechers());
        assertEquals(List.of("free-rider", "leecher"), outcome.result().strategy("test-rarest").classes().stream()
                .map(c -> c.name()).sorted().toList());
        try (var files = Files.list(directory.resolve("out"))) {
            assertEquals(3, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void anOutputThatCannotBeWrittenIsRefusedBeforeAnythingRuns() throws IOException {
        Path aDirectory = Files.createDirectories(directory.resolve("report.html"));
        List<String> started = new ArrayList<>();
        CompareListener listener = new CompareListener() {
            @Override
            public void runStarted(String strategy, int run, int runs) {
                started.add(strategy);
            }
        };
        SwarmPlan plan = SwarmDefaults.plan(CompareRequest.Swarm.SIM, CompareRequest.Shape.DEFAULT,
                GEOMETRY.totalLength());

        var failure = assertThrows(PiecewiseException.class, () -> Comparison.run(request(aDirectory, null, null),
                "demo", List.of("test-rarest"), "test-unchoke", 1, 1, swarm(plan), listener));

        assertTrue(failure.getMessage().contains("is a directory"), failure.getMessage());
        assertEquals(List.of(), started);
    }

    @Test
    void defaultsMakeTheSeedSlowerThanTheLeechersDemandAndRefuseNonsense() {
        SwarmPlan plan = SwarmDefaults.plan(CompareRequest.Swarm.LAB, CompareRequest.Shape.DEFAULT, 8 << 20);
        long demand = plan.leechers().stream().mapToLong(c -> c.count() * c.download()).sum();
        assertTrue(plan.seedUpload() < demand, "seed " + plan.seedUpload() + " vs demand " + demand);
        assertEquals(SwarmDefaults.LAB_LEECHERS, plan.leecherCount());

        var tooMany = new CompareRequest.Shape(OptionalInt.empty(), OptionalInt.of(40), OptionalInt.empty(),
                OptionalLong.empty(), OptionalLong.empty());
        assertThrows(PiecewiseException.class, () -> SwarmDefaults.plan(CompareRequest.Swarm.LAB, tooMany, 1 << 20));
        var onlyFreeRiders = new CompareRequest.Shape(OptionalInt.empty(), OptionalInt.of(3), OptionalInt.of(4),
                OptionalLong.empty(), OptionalLong.empty());
        assertThrows(PiecewiseException.class,
                () -> SwarmDefaults.plan(CompareRequest.Swarm.SIM, onlyFreeRiders, 1 << 20));
    }
}
