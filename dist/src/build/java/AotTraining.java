import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TrackerServer;
import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.Bencode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The training run of the distribution's AOT cache (JEP 483/514/515), run by dist's build after jlink: the product
 * itself, in batch mode, downloads a payload over loopback from a seeder in this JVM (through the seeder's embedded
 * tracker), with {@code -XX:AOTCacheOutput}. The cache then holds the classes loaded and linked and the method
 * profiles of a real download, so the data path is compiled soon after start-up.
 *
 * <p>Arguments: the distribution's home, the main module/class, a scratch directory, the cache to write.
 */
public final class AotTraining {

    private static final int PAYLOAD_BYTES = 128 << 20;
    private static final int PIECE_BYTES = 256 << 10;
    private static final long TIMEOUT_SECONDS = 180;

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: AotTraining HOME MAIN_MODULE/CLASS SCRATCH_DIR CACHE_FILE");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        String main = args[1];
        Path scratch = emptyDirectory(Path.of(args[2]).toAbsolutePath());
        Path cache = Path.of(args[3]).toAbsolutePath();
        Path seedDir = Files.createDirectories(scratch.resolve("seed"));
        Path payload = writePayload(seedDir.resolve("training.bin"));

        var config = new ClientConfig(scratch.resolve("seeder-data"), home.resolve("plugins"),
                InetAddress.getLoopbackAddress(), 0);
        try (Client seeder = Piecewise.start(config)) {
            TrackerServer tracker = seeder.startTracker(0);
            Path torrent = writeTorrent(payload, tracker.httpAnnounceUrl().toString(),
                    scratch.resolve("training.torrent"));
            TorrentHandle seeding = seeder.add(AddTorrent.of(torrent, seedDir));
            if (!seeding.awaitCompletion(Duration.ofSeconds(TIMEOUT_SECONDS))) {
                throw new IllegalStateException("the training seeder did not verify its payload: " + seeding.status());
            }
            Path downloaded = Files.createDirectories(scratch.resolve("download"));
            download(home, main, scratch, torrent, downloaded, cache);
            if (Files.mismatch(payload, downloaded.resolve(payload.getFileName())) != -1) {
                throw new IllegalStateException("the training download differs from the payload");
            }
        }
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("the training run wrote no AOT cache at " + cache);
        }
        System.err.printf("AOT cache %s: %d MiB%n", cache, Files.size(cache) >> 20);
    }

    /** The product, as the launcher starts it, downloading the torrent and writing the AOT cache when it exits. */
    private static void download(Path home, String main, Path scratch, Path torrent, Path into, Path cache)
            throws IOException, InterruptedException {
        List<String> command = List.of(home.resolve("runtime/bin/java").toString(),
                "-XX:AOTCacheOutput=" + cache, "-Dpiecewise.home=" + home, "-m", main,
                "--data", scratch.resolve("leecher-data").toString(), "--port", "0", "--bind", "127.0.0.1",
                "-c", "add " + torrent + " --dir " + into + "; wait; list");
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the training download did not finish in " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the training download exited with " + process.exitValue());
        }
    }

    /** A fresh scratch directory: what an earlier build downloaded there would leave nothing to train on. */
    private static Path emptyDirectory(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> tree = Files.walk(directory)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(directory);
    }

    /** Pseudo-random bytes (a fixed seed: every build trains on the same data). */
    private static Path writePayload(Path file) throws IOException {
        var random = new Random(0x5eed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < PAYLOAD_BYTES; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        return file;
    }

    private static Path writeTorrent(Path payload, String announce, Path file)
            throws IOException, NoSuchAlgorithmException {
        long length = Files.size(payload);
        byte[] pieces = new byte[(int) ((length + PIECE_BYTES - 1) / PIECE_BYTES) * 20];
        var sha1 = MessageDigest.getInstance("SHA-1");
        byte[] piece = new byte[PIECE_BYTES];
        try (InputStream in = Files.newInputStream(payload)) {
            for (int offset = 0; ; offset += 20) {
                int read = in.readNBytes(piece, 0, piece.length);
                if (read == 0) {
                    break;
                }
                sha1.update(piece, 0, read);
                System.arraycopy(sha1.digest(), 0, pieces, offset, 20);
            }
        }
        BDictionary info = BDictionary.builder()
                .put("length", length)
                .put("name", payload.getFileName().toString())
                .put("piece length", PIECE_BYTES)
                .put("pieces", pieces)
                .build();
        BDictionary metainfo = BDictionary.builder().put("announce", announce).put("info", info).build();
        return Files.write(file, Bencode.encode(metainfo));
    }

    private AotTraining() {
    }
}
