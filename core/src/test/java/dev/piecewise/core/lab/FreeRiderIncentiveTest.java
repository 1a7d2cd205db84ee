package dev.piecewise.core.lab;

import dev.piecewise.api.TorrentState;
import dev.piecewise.core.compare.FixturePlugins;
import dev.piecewise.core.plugin.DefaultSelections;
import dev.piecewise.core.plugin.PluginRegistry;
import dev.piecewise.core.plugin.TestJars;
import dev.piecewise.spi.tracker.TrackerTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 in a local swarm of real engines on 127.0.0.1: a free rider (never uploads) gets markedly less than the
 * contributing peers under tit-for-tat, and about as much under unchoke-all.
 *
 * <p>No seed: each contributor starts with a different sixth of the payload, so every contributor wants something
 * from every other one for the whole run and tit-for-tat's regular slots go to reciprocators (with a seed, pieces
 * enter through the seed's favourites, contributors are rarely interested in each other, and free riders fill the
 * empty regular slots). Every engine's upload is capped the same, so the race is bandwidth-bound and what a peer
 * receives is its share of the slots. Slot arithmetic for tit-for-tat: 4 regular slots to contributors and the
 * optimistic one to one of 4 candidates, 3 of them free riders, gives a free rider about 0.35 of a contributor's take;
 * unchoke-all (8 interested peers, the core's limit of 8) gives it 6/5 of it.
 */
class FreeRiderIncentiveTest {

    private static final Function<String, Optional<TrackerTransport>> NO_TRACKERS = scheme -> Optional.empty();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** The plugins' sources, from the module's base directory (where Maven runs the tests). */
    private static final Path PLUGIN_SOURCES = Path.of("..", "plugins");
    private static final int PIECE_LENGTH = 32 * 1024;
    private static final int CONTRIBUTORS = 6;
    private static final int SHARE = 16;
    private static final int PIECES = CONTRIBUTORS * SHARE;
    private static final int FREE_RIDERS = 3;
    private static final long UPLOAD_CAP = 256 * 1024;
    /** Until the first optimistic rotation, tit-for-tat's slots are random picks: counted from then on. */
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration RUN_LIMIT = Duration.ofSeconds(40);

    @TempDir
    Path temp;

    @Test
    void underTitForTatAFreeRiderGetsMarkedlyLessThanAContributor() throws Exception {
        double ratio = freeRidersOverContributors("tit-for-tat",
                Map.of("interval", "1s", "optimistic-interval", "3s"));

        assertTrue(ratio < 0.65, "free riders got " + ratio + " of the contributors' bytes under tit-for-tat");
    }

    @Test
    void underUnchokeAllAFreeRiderGetsAboutAsMuchAsAContributor() throws Exception {
        double ratio = freeRidersOverContributors("unchoke-all", Map.of());

        assertTrue(ratio > 0.9, "free riders got only " + ratio + " of the contributors' bytes under unchoke-all");
    }

    /**
     * Runs the swarm under {@code choking} until the first contributor completes; returns the free riders' median
     * bytes received over the contributors' median, counted from the end of the warm-up to that moment.
     */
    private double freeRidersOverContributors(String choking, Map<String, String> options) throws Exception {
        Path plugins = pluginsFolder();
        ModuleLayer layer = Optional.ofNullable(PluginRegistry.class.getModule().getLayer())
                .orElse(ModuleLayer.boot());
        try (PluginRegistry registry = PluginRegistry.open(plugins, temp.resolve("copies"), layer)) {
            var selections = new DefaultSelections(registry, temp.resolve("defaults.properties"));
            LabPayload payload = LabPayload.create(temp.resolve("payload"), "share.bin",
                    (long) PIECES * PIECE_LENGTH, PIECE_LENGTH, List.of(), 11);
            List<LabPeer> contributors = new ArrayList<>();
            List<LabPeer> freeRiders = new ArrayList<>();
            try {
                for (int i = 0; i < CONTRIBUTORS; i++) {
                    Path downloads = temp.resolve("contributor-" + i);
                    writeShare(payload, downloads, i * SHARE, SHARE);
                    contributors.add(LabPeer.start(i, "contributor", false, UPLOAD_CAP, false, 0, LOOPBACK,
                            temp.resolve("home-" + i), payload.torrentFile(), downloads, "rarest", choking, options,
                            selections, NO_TRACKERS));
                }
                for (LabPeer contributor : contributors) {
                    awaitPieces(contributor, SHARE, Duration.ofSeconds(20));
                }
                for (int i = 0; i < FREE_RIDERS; i++) {
                    int number = CONTRIBUTORS + i;
                    freeRiders.add(LabPeer.start(number, "free-rider", false, UPLOAD_CAP, true, 0, LOOPBACK,
                            temp.resolve("home-" + number), payload.torrentFile(), temp.resolve("rider-" + i),
                            "rarest", choking, options, selections, NO_TRACKERS));
                }
                for (LabPeer freeRider : freeRiders) {
                    awaitPieces(freeRider, 0, Duration.ofSeconds(20)); // checked: it takes incoming connections
                }
                List<LabPeer> everyone = new ArrayList<>(contributors);
                everyone.addAll(freeRiders);
                for (int i = 0; i < everyone.size(); i++) {
                    for (int j = i + 1; j < everyone.size(); j++) {
                        everyone.get(i).connect(everyone.get(j).address());
                    }
                }
                long start = System.nanoTime();
                Thread.sleep(WARM_UP.toMillis());
                long[] contributedAtWarmUp = received(contributors);
                long[] freeRiddenAtWarmUp = received(freeRiders);
                awaitFirstCompletion(contributors);
                double seconds = (System.nanoTime() - start) / 1e9;
                long[] contributed = minus(received(contributors), contributedAtWarmUp);
                long[] freeRidden = minus(received(freeRiders), freeRiddenAtWarmUp);
                double ratio = median(freeRidden) / median(contributed);
                System.out.printf("%s: first contributor complete after %.1f s; bytes received since %d s by"
                                + " contributors %s, by free riders %s; free riders' median / contributors' median"
                                + " = %.2f (from the start: %.2f)%n", choking, seconds, WARM_UP.toSeconds(),
                        Arrays.toString(contributed), Arrays.toString(freeRidden), ratio,
                        median(received(freeRiders)) / median(received(contributors)));
                System.out.println("connected peers: " + everyone.stream()
                        .map(peer -> peer.torrent().status().peers()).toList());
                return ratio;
            } finally {
                contributors.forEach(peer -> peer.leave(0));
                freeRiders.forEach(peer -> peer.leave(0));
            }
        }
    }

    /** The fixture's {@code rarest} strategy and the real tit-for-tat and unchoke-all plugins, built from source. */
    private Path pluginsFolder() throws IOException {
        Path plugins = FixturePlugins.build(temp.resolve("fixture"));
        for (String plugin : List.of("choking-tit-for-tat", "choking-unchoke-all")) {
            Path sources = PLUGIN_SOURCES.resolve(plugin).resolve("src/main/java");
            assertTrue(Files.isDirectory(sources), "the plugin's sources are missing: " + sources.toAbsolutePath());
            TestJars.jar(TestJars.compileModule(sources, temp.resolve(plugin + "-classes"), "1.0.0"),
                    plugins.resolve(plugin + ".jar"), null);
        }
        return plugins;
    }

    /** Writes the payload's file into {@code downloads} with only {@code count} pieces from {@code first}. */
    private static void writeShare(LabPayload payload, Path downloads, int first, int count) throws IOException {
        Files.createDirectories(downloads);
        byte[] all = Files.readAllBytes(payload.directory().resolve("share.bin"));
        try (var file = new RandomAccessFile(downloads.resolve("share.bin").toFile(), "rw")) {
            file.setLength(all.length);
            file.seek((long) first * PIECE_LENGTH);
            file.write(all, first * PIECE_LENGTH, count * PIECE_LENGTH);
        }
    }

    /** Waits until the peer has checked its data and has {@code pieces} verified pieces. */
    private static void awaitPieces(LabPeer peer, int pieces, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (peer.torrent().status().piecesVerified() < pieces
                || peer.torrent().status().state() == TorrentState.CHECKING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + peer.torrent().status().piecesVerified() + " of " + pieces
                        + " pieces after " + timeout);
            }
            Thread.sleep(10);
        }
    }

    private static void awaitFirstCompletion(List<LabPeer> contributors) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (contributors.stream().noneMatch(peer -> peer.torrent().status().piecesVerified() == PIECES)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no contributor completed within " + RUN_LIMIT);
            }
            Thread.sleep(20);
        }
    }

    private static long[] minus(long[] values, long[] earlier) {
        long[] differences = new long[values.length];
        Arrays.setAll(differences, i -> values[i] - earlier[i]);
        return differences;
    }

    private static long[] received(List<LabPeer> peers) {
        return peers.stream().mapToLong(peer -> peer.torrent().status().downloaded()).toArray();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
