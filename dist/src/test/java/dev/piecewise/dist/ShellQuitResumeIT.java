package dev.piecewise.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quitting the interactive shell during a download, after Ctrl-C interrupted a {@code wait}: the next start resumes
 * the torrent from what was verified, finishes byte-identical and fetches no verified piece again.
 */
class ShellQuitResumeIT {

    private static final String PROMPT = "piecewise> ";
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final Pattern PIECES = Pattern.compile("\\((\\d+)/(\\d+) pieces\\)");
    private static final Pattern DOWN = Pattern.compile("transferred\\s+down ([\\d.]+) (B|KiB|MiB)");

    @TempDir
    Path work;
    /** The leecher's listen port, the same in both runs (as a user's would be). */
    private int port;

    @Test
    void quittingDuringADownloadResumesCleanlyOnTheNextStart() throws Exception {
        Payload payload = Payload.create(work, 4, 500_000, 32 * 1024);
        String id = payload.infoHash().hex().substring(0, 8);
        Path partial = copyOnly(payload, "part-0");
        Path out = work.resolve("out");
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        int verifiedBefore;
        try (var halfSeeder = ShellProcess.start(Launch.command(work.resolve("half-seeder")))) {
            halfSeeder.send("add " + payload.torrent() + " --dir " + partial);
            halfSeeder.await(id);
            try (Tmux terminal = shell("first")) {
                terminal.type("add " + payload.torrent() + " --dir " + out);
                terminal.press("Enter");
                terminal.awaitText(id, STEP);
                halfSeeder.send("connect " + id + " 127.0.0.1:" + port);
                awaitStatus(terminal, id, pieces -> pieces > 0);    // data arrives; only half of it exists
                terminal.type("wait");
                terminal.press("Enter");
                Thread.sleep(500);
                for (int attempt = 0; attempt < 10 && !shows(terminal, "wait: interrupted"); attempt++) {
                    terminal.press("C-c");
                    Thread.sleep(300);
                }
                terminal.awaitText("wait: interrupted", STEP);
                Thread.sleep(1_500);                                // what the half seeder has, all of it
                verifiedBefore = awaitStatus(terminal, id, pieces -> true);
                assertTrue(verifiedBefore < payload.pieces(), "still downloading: " + verifiedBefore);
                terminal.type("quit");
                terminal.press("Enter");
                awaitExit("first");
            }
            assertEquals(0, halfSeeder.finish(), halfSeeder.errors());
        }
        System.out.printf("quit with %d of %d pieces verified%n", verifiedBefore, payload.pieces());

        try (var seeder = ShellProcess.start(Launch.command(work.resolve("seeder")));
             Tmux terminal = shell("second")) {
            seeder.send("add " + payload.torrent() + " --dir " + payload.seedDirectory() + "; wait --timeout 30");
            seeder.await(id + " complete");
            int restored = awaitStatus(terminal, id, pieces -> true);
            assertTrue(restored >= verifiedBefore, "what was verified is still verified: " + restored + " < "
                    + verifiedBefore);
            seeder.send("connect " + id + " 127.0.0.1:" + port);
            terminal.type("wait --timeout 30");
            terminal.press("Enter");
            terminal.awaitText(id + " complete", STEP);
            List<String> screen = statusScreen(terminal, id);
            long downloaded = downloaded(screen);
            long missing = (long) (payload.pieces() - restored) * payload.pieceLength();
            System.out.printf("the second run downloaded %d bytes for %d missing pieces of %d bytes%n", downloaded,
                    payload.pieces() - restored, payload.pieceLength());
            assertTrue(downloaded <= missing + payload.pieceLength(), "no verified piece was fetched again: "
                    + downloaded + " bytes this session for " + (payload.pieces() - restored) + " missing pieces");
            payload.assertDownloadedTo(out);
            terminal.type("quit");
            terminal.press("Enter");
            awaitExit("second");
            assertEquals(0, seeder.finish(), seeder.errors());
        }
    }

    /** The leecher's shell in a terminal, listening on {@link #port}. */
    private Tmux shell(String name) throws Exception {
        Path dir = Files.createDirectories(work.resolve("tmux-" + name));
        List<String> words = new ArrayList<>(Launch.command(work.resolve("leecher")));
        words.set(words.indexOf("--port") + 1, String.valueOf(port));
        String command = words.stream().map(ShellQuitResumeIT::quote).collect(Collectors.joining(" "));
        Tmux terminal = Tmux.start(dir, 120, 40, command + "; echo \"exit=$?\" > "
                + quote(dir.resolve("exit").toString()));
        terminal.awaitText(PROMPT.strip(), START);
        // a late answer of the terminal to JLine's device-attributes query can land on the first line: drop it
        Thread.sleep(500);
        terminal.press("C-c");
        return terminal;
    }

    /** Waits (bounded) until the shell in tmux session {@code name} has exited with status 0. */
    private void awaitExit(String name) throws Exception {
        Path exit = work.resolve("tmux-" + name).resolve("exit");
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!Files.exists(exit) || Files.readString(exit).isBlank()) {
            assertTrue(System.nanoTime() < deadline, "the shell did not exit");
            Thread.sleep(50);
        }
        assertEquals("exit=0", Files.readString(exit).strip());
    }

    /** Shows the torrent's status until {@code until} accepts its verified pieces (bounded); returns them. */
    private static int awaitStatus(Tmux terminal, String id, java.util.function.IntPredicate until) throws Exception {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (true) {
            int pieces = verified(statusScreen(terminal, id));
            if (until.test(pieces) || System.nanoTime() > deadline) {
                assertTrue(until.test(pieces), "status never showed what was expected; last: " + pieces);
                return pieces;
            }
            Thread.sleep(300);
        }
    }

    private static List<String> statusScreen(Tmux terminal, String id) throws Exception {
        terminal.press("C-l");
        terminal.type("status " + id);
        terminal.press("Enter");
        return terminal.awaitText("availability", STEP);
    }

    private static int verified(List<String> screen) {
        int last = -1;
        for (String line : screen) {
            Matcher m = PIECES.matcher(line);
            if (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
        }
        assertTrue(last >= 0, "no progress line: " + screen);
        return last;
    }

    private static long downloaded(List<String> screen) {
        long last = -1;
        for (String line : screen) {
            Matcher m = DOWN.matcher(line);
            if (m.find()) {
                double value = Double.parseDouble(m.group(1));
                last = (long) (value * switch (m.group(2)) {
                    case "KiB" -> 1024;
                    case "MiB" -> 1024 * 1024;
                    default -> 1;
                });
            }
        }
        assertTrue(last >= 0, "no transferred line: " + screen);
        return last;
    }

    private static boolean shows(Tmux terminal, String text) throws Exception {
        return terminal.screen().stream().anyMatch(line -> line.contains(text));
    }

    /** A copy of the seed directory with only the files under {@code folder}: a seeder of part of the data. */
    private Path copyOnly(Payload payload, String folder) throws Exception {
        Path copy = work.resolve("partial");
        Path source = payload.seedDirectory().resolve(payload.name()).resolve(folder);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(payload.name()).resolve(folder).resolve(source.relativize(file));
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return copy;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
