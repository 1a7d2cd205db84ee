package dev.piecewise.bench;

import dev.piecewise.core.metainfo.FileLayout;
import dev.piecewise.core.metainfo.PieceHasher;
import dev.piecewise.core.metainfo.Sha1;
import dev.piecewise.core.metainfo.TorrentFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Piece hashing throughput on one thread, in bytes per microsecond (= MB/s): the engine's {@link PieceHasher} on a
 * 256 KiB piece read from memory (the copy into its chunk included, as a read from the page cache would), and the
 * bare JDK SHA-1 on the same bytes, the limit the hasher can reach. Compare with the machine's own limit, e.g.
 * {@code openssl speed -evp sha1 -bytes 16384}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HashBenchmark {

    private static final int PIECE = 256 * 1024;
    private static final int PIECES = 64;

    private final byte[] data = new byte[PIECE * PIECES];
    private final MessageDigest sha1 = Sha1.newDigest();
    private PieceHasher hasher;
    private PieceHasher.Source memory;
    private int next;

    @Setup
    public void setUp() {
        new Random(1).nextBytes(data);
        var file = new TorrentFile(List.of("data"), data.length, 0, false);
        hasher = new PieceHasher(new FileLayout(PIECE, List.of(file)));
        memory = (offset, buffer, length) -> {
            System.arraycopy(data, (int) offset, buffer, 0, length);
            return true;
        };
    }

    @Benchmark
    @OperationsPerInvocation(PIECE)
    public byte[] pieceHasher() throws IOException {
        next = (next + 1) % PIECES;
        return hasher.digest(next, memory);
    }

    @Benchmark
    @OperationsPerInvocation(PIECE)
    public byte[] jdkSha1() {
        next = (next + 1) % PIECES;
        sha1.update(data, next * PIECE, PIECE);
        return sha1.digest();
    }
}
