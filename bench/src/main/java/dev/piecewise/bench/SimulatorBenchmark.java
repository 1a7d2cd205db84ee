package dev.piecewise.bench;

import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.sim.SimPolicies;
import dev.piecewise.core.sim.SimProgress;
import dev.piecewise.core.sim.SimScenario;
import dev.piecewise.core.sim.SimSettings;
import dev.piecewise.core.sim.Simulator;
import dev.piecewise.core.swarm.Arrivals;
import dev.piecewise.core.swarm.PeerClass;
import dev.piecewise.core.swarm.RunOutcome;
import dev.piecewise.core.swarm.SwarmPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One whole simulated run: a flash crowd of {@code peers} leechers and one seed on a torrent of {@code pieces} pieces
 * of {@code pieceKib} KiB, every peer running the rarest-first and tit-for-tat plugins through the real picker and
 * choker. Leechers upload 50 KiB/s and download 190 KiB/s, the seed uploads 750 KiB/s, leechers leave on completion.
 * A run moves {@code peers * pieces * pieceKib / 16} blocks; divide by the time for blocks per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class SimulatorBenchmark {

    @Param({"1000"})
    int peers;

    @Param({"400"})
    int pieces;

    @Param({"64", "256"})
    int pieceKib;

    private SimScenario scenario;
    private SimPolicies policies;
    private long seed;

    @Setup
    public void setUp() {
        long kib = 1024;
        var plan = new SwarmPlan(1, 750 * kib, SwarmPlan.NEVER, List.of(PeerClass.of("leecher", peers, 50 * kib,
                190 * kib)), new Arrivals.FlashCrowd(2_000), 0);
        scenario = new SimScenario(new PieceGeometry((long) pieces * pieceKib * kib, (int) (pieceKib * kib)), plan,
                SimSettings.DEFAULTS);
        policies = BuiltInPolicies.of("rarest-first", "tit-for-tat");
    }

    @Benchmark
    public RunOutcome run() {
        return Simulator.run(scenario, policies, 1, ++seed, SimProgress.NONE);
    }
}
