package dev.piecewise.bench;

import dev.piecewise.api.CompareResult;
import dev.piecewise.core.compare.Metrics;
import dev.piecewise.core.compare.SwarmDefaults;
import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.sim.SimProgress;
import dev.piecewise.core.sim.SimScenario;
import dev.piecewise.core.sim.SimSettings;
import dev.piecewise.core.sim.Simulator;
import dev.piecewise.core.swarm.Arrivals;
import dev.piecewise.core.swarm.PeerClass;
import dev.piecewise.core.swarm.RunOutcome;
import dev.piecewise.core.swarm.SwarmPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulator's checks against the literature (modules-info-docs/simulator.md), as tables of the comparison's own
 * metrics. Not a JMH benchmark: run it with
 * {@code java -cp bench/target/benchmarks.jar dev.piecewise.bench.SimulatorExperiments [e1|e2|e3|e4|e5]...}.
 * Every experiment: a 25 MiB torrent of 200 pieces of 128 KiB, one seed, 100 leechers joining within 2 s, leaving on
 * completion, 3 runs with seeds 1, 2 and 3.
 */
public final class SimulatorExperiments {

    private static final long KIB = 1024;
    private static final long UP = 64 * KIB;
    private static final PieceGeometry TORRENT = new PieceGeometry(200 * 128 * KIB, (int) (128 * KIB));
    private static final Arrivals CROWD = new Arrivals.FlashCrowd(2_000);
    private static final int RUNS = 3;

    private SimulatorExperiments() {
    }

    public static void main(String[] args) {
        for (String experiment : args.length == 0 ? new String[] {"e1", "e2", "e3", "e4", "e5"} : args) {
            switch (experiment) {
                case "e1" -> table("E1 slow seed: piece selection", leechers(UP, 100, 0),
                        List.of("rarest-first", "random-first:first=1000000", "random-first", "in-order"),
                        "tit-for-tat");
                case "e2" -> table("E2 fast seed: upload utilization", leechers(8 * UP, 100, 0),
                        List.of("rarest-first", "random-first:first=1000000", "in-order"), "tit-for-tat");
                case "e3" -> {
                    var plan = new SwarmPlan(1, 4 * UP, SwarmPlan.NEVER, List.of(PeerClass.of("fast", 50, 4 * UP,
                            16 * UP), PeerClass.of("slow", 50, UP / 2, 4 * UP)), CROWD, 0);
                    table("E3 fast and slow leechers", plan, List.of("rarest-first"), "tit-for-tat");
                    table("E3 fast and slow leechers", plan, List.of("rarest-first"), "unchoke-all");
                }
                case "e4" -> table("E4 end-game", leechers(4 * UP, 100, 0),
                        List.of("rarest-first", "rarest-first+end-game"), "tit-for-tat");
                case "e5" -> {
                    for (String choking : List.of("tit-for-tat", "unchoke-all", "propshare")) {
                        table("E5 free riders", leechers(4 * UP, 90, 10), List.of("rarest-first"), choking);
                    }
                }
                default -> throw new IllegalArgumentException("no experiment " + experiment + " (e1 to e5)");
            }
        }
    }

    private static SwarmPlan leechers(long seedUpload, int contributors, int freeRiders) {
        List<PeerClass> classes = new ArrayList<>(List.of(PeerClass.of("leecher", contributors, UP, 4 * UP)));
        if (freeRiders > 0) {
            classes.add(PeerClass.freeRiders("free-rider", freeRiders, 4 * UP));
        }
        return new SwarmPlan(1, seedUpload, SwarmPlan.NEVER, classes, CROWD, 0);
    }

    private static void table(String title, SwarmPlan plan, List<String> strategies, String choking) {
        System.out.printf("== %s | %s | choking %s | %d runs%n", title, SwarmDefaults.describe(plan), choking, RUNS);
        System.out.printf("%-28s %9s %22s %9s %12s %12s %7s %9s%n", "strategy", "completed", "completion s [IQR]",
                "first s", "seed copies", "rarest", "upload", "dup KiB");
        for (String strategy : strategies) {
            List<RunOutcome> runs = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                runs.add(Simulator.run(new SimScenario(TORRENT, plan, SimSettings.DEFAULTS),
                        BuiltInPolicies.of(strategy, choking), run, run, SimProgress.NONE));
            }
            CompareResult.Strategy s = Metrics.of(strategy, runs);
            System.out.printf(Locale.ROOT, "%-28s %4d/%-4d %6.0f [%5.0f-%5.0f] %9.1f %5.2f-%5.2f %5.1f-%5.1f %6.0f%% %9.0f%n",
                    strategy, s.completed(), s.leechers() * RUNS, s.completionSeconds().median(),
                    s.completionSeconds().p25(), s.completionSeconds().p75(), s.firstPieceSeconds().median(),
                    s.seedCopies().min(), s.seedCopies().max(), s.rarestCopies().min(), s.rarestCopies().max(),
                    100 * s.uploadUtilization().median(), s.duplicateBytes().median() / KIB);
            for (CompareResult.PeerClass peerClass : s.classes()) {
                System.out.printf(Locale.ROOT, "    %-12s %4d leechers, completion %6.0f s [%5.0f-%5.0f], share ratio"
                                + " %.2f [%.2f-%.2f]%n", peerClass.name(), peerClass.peers(),
                        peerClass.completionSeconds().median(), peerClass.completionSeconds().p25(),
                        peerClass.completionSeconds().p75(), peerClass.shareRatio().median(),
                        peerClass.shareRatio().p25(), peerClass.shareRatio().p75());
            }
        }
    }
}
