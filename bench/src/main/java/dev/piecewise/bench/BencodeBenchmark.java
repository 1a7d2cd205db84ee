package dev.piecewise.bench;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.api.bencode.BencodeException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Bencode decoding through the strict decoder every torrent file and tracker response goes through. One operation
 * decodes one document; the setup prints its size, so MB/s = operations/s x size. {@code single}: a 1 GiB one-file
 * torrent (4,096 pieces of 256 KiB: mostly one long string). {@code multi}: a torrent of 2,000 files (dictionaries,
 * lists, short strings and integers: the parser's structural work).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BencodeBenchmark {

    @Param({"single", "multi"})
    public String torrent;

    private byte[] document;

    @Setup(Level.Trial)
    public void setUp() {
        var random = new Random(1);
        var info = BDictionary.builder().put("name", "payload").put("piece length", 256 * 1024);
        if (torrent.equals("single")) {
            byte[] pieces = new byte[4096 * 20];
            random.nextBytes(pieces);
            info.put("length", 1L << 30).put("pieces", pieces);
        } else {
            List<BValue> files = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                files.add(BDictionary.builder()
                        .put("length", 100_000 + random.nextInt(1 << 20))
                        .put("path", BList.of(BString.of("folder-" + i / 100),
                                BString.of("file-" + i + ".bin")))
                        .build());
            }
            byte[] pieces = new byte[2000 * 3 * 20];
            random.nextBytes(pieces);
            info.put("files", new BList(files)).put("pieces", pieces);
        }
        document = Bencode.encode(BDictionary.builder()
                .put("announce", "http://tracker.example:6969/announce")
                .put("info", info.build())
                .build());
        System.out.printf("%n%s: %,d bytes per operation%n", torrent, document.length);
    }

    @Benchmark
    public void decode(Blackhole sink) throws BencodeException {
        sink.consume(Bencode.decode(document));
    }
}
