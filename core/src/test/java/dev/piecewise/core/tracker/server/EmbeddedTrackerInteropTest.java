package dev.piecewise.core.tracker.server;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BInteger;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.testing.ExternalPrograms;
import dev.piecewise.testing.LoopbackPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real clients meet through the embedded tracker: an aria2 seeder and an aria2 leecher, with DHT, local discovery and
 * peer exchange off, so the tracker is the only way the leecher can find the seeder.
 */
@Timeout(90)
class EmbeddedTrackerInteropTest {

    private EmbeddedTracker tracker;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        tracker = EmbeddedTracker.start(InetAddress.getLoopbackAddress(), 0, EmbeddedTrackerSettings.defaults(),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        tracker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp"})
    void anAria2LeecherFindsAnAria2SeederThroughTheTracker(String protocol, @TempDir Path dir) throws Exception {
        Path aria2 = ExternalPrograms.require("aria2c");
        Path mktorrent = ExternalPrograms.require("mktorrent");
        URI announce = protocol.equals("http") ? tracker.httpAnnounceUrl() : tracker.udpAnnounceUrl();
        Path seedDir = Files.createDirectories(dir.resolve("seed"));
        Path leechDir = Files.createDirectories(dir.resolve("leech"));
        byte[] payload = new byte[300_000];
        new Random(7).nextBytes(payload);
        Files.write(seedDir.resolve("payload.bin"), payload);
        Path torrent = dir.resolve("payload.torrent");
        run(dir, List.of(mktorrent.toString(), "-a", announce.toString(), "-l", "15", "-o", torrent.toString(),
                seedDir.resolve("payload.bin").toString()), 30);

        processes.add(aria2(aria2, dir, "seeder", seedDir, torrent, protocol.equals("udp"), "--seed-ratio=0.0", "--check-integrity=true"));
        awaitScrape(counts -> counts.seeders == 1, "the seeder announced");
        Process leecher = aria2(aria2, dir, "leecher", leechDir, torrent, protocol.equals("udp"), "--seed-time=0");
        processes.add(leecher);
        assertTrue(leecher.waitFor(60, TimeUnit.SECONDS), "the leecher finished in time: " + log(dir, "leecher"));
        assertEquals(0, leecher.exitValue(), "aria2 leecher exit status; " + log(dir, "leecher"));
        assertArrayEquals(payload, Files.readAllBytes(leechDir.resolve("payload.bin")));
        // aria2 leaving at once sends stopped (left=0), not completed
        awaitScrape(counts -> counts.seeders == 1 && counts.leechers == 0, "the leecher's stopped was counted");
    }

    private record Counts(long seeders, long leechers) {
    }

    private void awaitScrape(Predicate<Counts> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Counts counts = null;
        while (System.nanoTime() < deadline) {
            counts = scrape();
            if (counts != null && condition.test(counts)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting until " + what + "; last scrape: " + counts);
    }

    /** The one torrent's counts from the tracker's own HTTP scrape, or null before it knows the torrent. */
    private Counts scrape() throws IOException {
        var connection = URI.create("http://127.0.0.1:" + tracker.port() + "/scrape").toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(2000);
        try (var in = connection.getInputStream()) {
            var files = (BDictionary) ((BDictionary) Bencode.decode(in.readAllBytes())).get("files").orElseThrow();
            if (files.entries().isEmpty()) {
                return null;
            }
            var torrent = (BDictionary) files.entries().values().iterator().next();
            return new Counts(integer(torrent, "complete"), integer(torrent, "incomplete"));
        } catch (Exception e) {
            throw new IOException("scrape failed", e);
        }
    }

    private static long integer(BDictionary dictionary, String key) {
        return ((BInteger) dictionary.get(key).orElseThrow()).value();
    }

    /**
     * aria2 speaks to UDP trackers through its DHT socket only, so DHT is on for those runs, with a routing table
     * file of its own and no entry point: it knows no node and contacts none.
     */
    private static Process aria2(Path aria2, Path dir, String name, Path downloadDir, Path torrent, boolean udp,
                                 String... extra) throws IOException {
        var command = new ArrayList<>(List.of(aria2.toString(), "--dir=" + downloadDir,
                "--listen-port=" + LoopbackPorts.freeTcpAndUdp(), "--enable-dht=" + udp, "--enable-dht6=false",
                "--dht-file-path=" + dir.resolve(name + ".dht"), "--dht-listen-port=" + LoopbackPorts.freeTcpAndUdp(),
                "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--bt-min-crypto-level=plain",
                "--summary-interval=0", "--console-log-level=warn", "--log=" + dir.resolve(name + ".log"),
                "--log-level=info", "--allow-overwrite=true", "--auto-save-interval=0", "--file-allocation=none"));
        command.addAll(List.of(extra));
        command.add(torrent.toString());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
    }

    private static void run(Path dir, List<String> command, int timeoutSeconds) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("command.out").toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError(command + " failed: " + Files.readString(dir.resolve("command.out")));
        }
    }

    private static String log(Path dir, String name) throws IOException {
        Path out = dir.resolve(name + ".out");
        return Files.exists(out) ? Files.readString(out) : "(no output)";
    }
}
