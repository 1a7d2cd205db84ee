package dev.piecewise.bench;

import dev.piecewise.core.picker.CancelSink;
import dev.piecewise.core.picker.InterestListener;
import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.picker.PiecePicker;
import dev.piecewise.core.picker.PickerPeer;
import dev.piecewise.core.picker.RequestSink;
import dev.piecewise.plugin.rarestfirst.RarestFirstProvider;
import dev.piecewise.spi.Options;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.testkit.strategy.PickerScenario;
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

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Picks per second: the rarest-first plugin through the real picker and its safe sink, in the middle of a download
 * (half the pieces verified, every peer with a pipeline of requests in flight and partly answered, some returned).
 * One operation is one pick of up to {@value #BUDGET} blocks for the next peer in turn, plus giving those blocks back
 * (as rejected) so that the state stays the same from one operation to the next: the figure is a lower bound on
 * picks alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PickBenchmark {

    private static final int PIECE_LENGTH = 256 * 1024;
    private static final int BUDGET = 4;
    private static final int PIPELINE = 48;

    @Param({"10000", "100000"})
    int pieces;

    @Param({"50", "500"})
    int peers;

    private PiecePicker picker;
    private PickerPeer[] swarm;
    private int next;
    private final int[] picked = new int[3 * BUDGET];
    private int pickedCount;
    private final RequestSink record = this::record;

    @Setup
    public void midDownload() {
        var random = new SplittableRandom(2024);
        picker = new PiecePicker("bench", new PieceGeometry((long) pieces * PIECE_LENGTH, PIECE_LENGTH),
                random.split(), InterestListener.NONE);
        picker.setStrategy(rarestFirst(random.split()), "rarest-first");
        for (int piece = 0; piece < pieces; piece++) {
            if (random.nextBoolean()) {
                picker.verified(piece);
            }
        }
        swarm = new PickerPeer[peers];
        for (int i = 0; i < peers; i++) {
            swarm[i] = joinPeer(i, random);
        }
        for (PickerPeer peer : swarm) {
            fillPipeline(peer, random);
        }
        for (PickerPeer peer : swarm) {
            picker.pick(peer, PIPELINE - peer.outstanding(), (piece, begin, length) -> { });
        }
    }

    @Benchmark
    public int pick() {
        PickerPeer peer = swarm[next];
        next = next + 1 == swarm.length ? 0 : next + 1;
        pickedCount = 0;
        int count = picker.pick(peer, BUDGET, record);
        for (int i = 0; i < pickedCount; i += 3) {
            picker.rejected(peer, picked[i], picked[i + 1], picked[i + 2]);
        }
        return count;
    }

    private void record(int piece, int begin, int length) {
        picked[pickedCount++] = piece;
        picked[pickedCount++] = begin;
        picked[pickedCount++] = length;
    }

    /** One peer in ten is a seed; the others have from 10% to 90% of the pieces. */
    private PickerPeer joinPeer(int id, SplittableRandom random) {
        PickerPeer peer = picker.join(id);
        if (id % 10 == 0) {
            picker.haveAll(peer);
        } else {
            double share = 0.1 + 0.8 * random.nextDouble();
            var bits = new BitSet(pieces);
            for (int piece = 0; piece < pieces; piece++) {
                if (random.nextDouble() < share) {
                    bits.set(piece);
                }
            }
            picker.bitfield(peer, bits);
        }
        picker.unchoked(peer);
        return peer;
    }

    /** A full pipeline of requests of which a third has arrived and a few were rejected. */
    private void fillPipeline(PickerPeer peer, SplittableRandom random) {
        List<int[]> requests = new ArrayList<>();
        picker.pick(peer, PIPELINE, (piece, begin, length) -> requests.add(new int[] {piece, begin, length}));
        for (int[] request : requests) {
            int dice = random.nextInt(24);
            if (dice < 8) {
                picker.received(peer, request[0], request[1], request[2], CancelSink.NONE);
            } else if (dice == 8) {
                picker.rejected(peer, request[0], request[1], request[2]);
            }
        }
    }

    private static PieceStrategy rarestFirst(RandomGenerator random) {
        var provider = new RarestFirstProvider();
        return provider.create(PickerScenario.context(Options.defaults(provider.options()), random, Optional.empty()));
    }
}
