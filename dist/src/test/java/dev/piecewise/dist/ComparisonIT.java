package dev.piecewise.dist;

import dev.piecewise.core.metainfo.TorrentBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The simulator reproduces what the literature reports of the built-in strategies and policies, run as a user would:
 * the distribution's runtime, its plugin jars, {@code Client.compare} (see modules-info-docs/simulator.md for the
 * published results and the larger experiments).
 */
class ComparisonIT {

    private static final int PIECE = 64 * 1024;
    private static final long UPLOAD = 64 * 1024;

    @TempDir
    static Path work;
    private static Path torrent;

    @BeforeAll
    static void makeTorrent() throws IOException, InterruptedException {
        byte[] payload = new byte[100 * PIECE];
        new Random(5).nextBytes(payload);
        Path data = Files.write(work.resolve("payload.bin"), payload);
        torrent = work.resolve("payload.torrent");
        TorrentBuilder.of(data).pieceLength(PIECE).write(torrent);
    }

    /** Median figures by strategy: seed copies, rarest copies, completion; and completion by "strategy/class". */
    private record Figures(Map<String, double[]> strategies, Map<String, Double> classes) {
    }

    private static Figures compare(String choking, int freeRiders, long seedUpload, String... specs)
            throws IOException, InterruptedException {
        return finish(start(torrent, "sim", choking, "", 40, freeRiders, seedUpload, UPLOAD, specs));
    }

    /** A comparison running in a JVM of its own, and its data directory. */
    private record Running(Process process, Path data, int strategies) {
    }

    private static Running start(Path torrentFile, String swarm, String choking, String chokingOptions, int leechers,
                                 int freeRiders, long seedUpload, long upload, String... specs) throws IOException {
        Path data = Files.createTempDirectory(work, "client");
        Path home = Distribution.home();
        List<String> command = new ArrayList<>(List.of(home.resolve("runtime/bin/java").toString(),
                "-Dchoking.options=" + chokingOptions, "-cp", classes().toString(), CompareDriver.class.getName(),
                data.toString(), home.resolve("plugins").toString(), torrentFile.toString(), swarm, swarm.equals("lab") ? "1" : "3", choking,
                Integer.toString(leechers), Integer.toString(freeRiders), Long.toString(seedUpload),
                Long.toString(upload)));
        command.addAll(List.of(specs));
        Process process = new ProcessBuilder(command).redirectError(data.resolve("stderr.txt").toFile()).start();
        return new Running(process, data, specs.length);
    }

    private static Figures finish(Running running) throws IOException, InterruptedException {
        Process process = running.process();
        Path data = running.data();
        byte[] output;
        try (var out = process.getInputStream()) {
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("the comparison did not finish in time");
            }
            output = out.readAllBytes();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text + Files.readString(data.resolve("stderr.txt")));
        Map<String, double[]> strategies = new HashMap<>();
        Map<String, Double> classes = new HashMap<>();
        for (String line : text.lines().toList()) {
            String[] words = line.split(" ");
            if (words[0].equals("@strategy")) {
                strategies.put(words[1], new double[] {Double.parseDouble(words[2]), Double.parseDouble(words[3]),
                        Double.parseDouble(words[4])});
            } else if (words[0].equals("@class")) {
                classes.put(words[1] + "/" + words[2], Double.parseDouble(words[3]));
            }
        }
        assertEquals(running.strategies(), strategies.size(), text);
        return new Figures(strategies, classes);
    }

    private static Path classes() {
        try {
            return Path.of(CompareDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withASlowSeedRarestFirstSendsFewerSeedCopiesAndKeepsPiecesAvailableUnlikeInOrder()
            throws IOException, InterruptedException {
        Figures figures = compare("tit-for-tat", 0, UPLOAD, "rarest", "in-order");

        double[] rarest = figures.strategies().get("rarest-first");
        double[] inOrder = figures.strategies().get("in-order");
        assertTrue(rarest[0] < inOrder[0] * 0.6, "seed copies until every piece is out: rarest-first " + rarest[0]
                + ", in-order " + inOrder[0]);
        assertTrue(rarest[1] > inOrder[1], "copies of the rarest piece: rarest-first " + rarest[1] + ", in-order "
                + inOrder[1]);
        assertTrue(rarest[2] < inOrder[2], "median completion: rarest-first " + rarest[2] + " s, in-order "
                + inOrder[2] + " s");
    }

    @Test
    void titForTatMakesFreeRidersWaitWhileUnchokeAllServesThemLikeEveryoneElse()
            throws IOException, InterruptedException {
        Map<String, Double> titForTat = compare("tit-for-tat", 10, 4 * UPLOAD, "rarest").classes();
        Map<String, Double> unchokeAll = compare("unchoke-all", 10, 4 * UPLOAD, "rarest").classes();

        double punished = titForTat.get("rarest-first/free-rider") / titForTat.get("rarest-first/leecher");
        double served = unchokeAll.get("rarest-first/free-rider") / unchokeAll.get("rarest-first/leecher");
        assertTrue(punished > 1.12, "under tit-for-tat free riders complete later than contributors: " + titForTat);
        assertTrue(served > 0.9 && served < 1.08, "under unchoke-all about the same: " + unchokeAll);
        assertTrue(punished > served + 0.08, "tit-for-tat " + punished + " vs unchoke-all " + served);
    }
}
