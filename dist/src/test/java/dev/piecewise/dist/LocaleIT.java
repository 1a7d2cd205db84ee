package dev.piecewise.dist;

import dev.piecewise.core.metainfo.TorrentBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Non-ASCII file names under a C locale, as services, containers and CI machines often have: Java then encodes file
 * names as ASCII. The launcher switches such a locale to UTF-8; without it, the core refuses in one line.
 */
class LocaleIT {

    private static final String NAME = "café ☕ 日本";

    @TempDir
    Path work;

    /** A C locale, whatever the machine running the tests has. */
    private static Map<String, String> cLocale() {
        var environment = new HashMap<String, String>();
        environment.put("LC_ALL", "C");
        environment.put("LANG", "C");
        environment.put("LC_CTYPE", null);
        return environment;
    }

    /** A torrent of a folder and a file with non-ASCII names, whose data is in {@code work/seed}. */
    private Path torrent() throws Exception {
        Path folder = Files.createDirectories(work.resolve("seed").resolve(NAME));
        byte[] data = new byte[100_000];
        new Random(7).nextBytes(data);
        Files.write(folder.resolve("naïve ünïcode.bin"), data);
        return Files.write(work.resolve("utf8.torrent"), TorrentBuilder.of(folder).pieceLength(32 * 1024).build());
    }

    @Test
    void theLauncherUnderACLocaleHandlesNonAsciiFileNames() throws Exception {
        Path torrent = torrent();
        Launch.Result result = Launch.run(work, "", Launch.command(work.resolve("data"), "-c",
                "add " + torrent + " --dir " + work.resolve("seed") + "; wait --timeout 30; list"), cLocale());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains(NAME), "the name is shown as it is: " + result.out());
        assertTrue(result.out().toLowerCase(java.util.Locale.ROOT).contains("seeding"),
                "the data was found, checked and is seeded: " + result.out());
    }

    @Test
    void withoutTheLauncherTheCoreRefusesInOneLineWithoutAStackTrace() throws Exception {
        Path torrent = torrent();
        Path home = Path.of(System.getProperty("piecewise.home"));
        List<String> command = List.of(home.resolve("runtime/bin/java").toString(), "-Dpiecewise.home=" + home,
                "-m", "dev.piecewise.shell/dev.piecewise.shell.Main", "--data", work.resolve("data").toString(),
                "--port", "0", "--bind", "127.0.0.1", "-c", "add " + torrent + " --dir " + work.resolve("down"));
        Launch.Result result = Launch.run(work, "", command, cLocale());
        assertEquals(1, result.status(), result.out() + result.err());
        List<String> lines = result.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + result.err());
        assertTrue(lines.get(0).contains("UTF-8"), "it says what would allow the name: " + lines.get(0));
        assertFalse(result.err().contains("Exception") || result.out().contains("Exception"), result.err());
        assertFalse(Files.exists(work.resolve("down")) && Files.list(work.resolve("down")).findAny().isPresent(),
                "nothing is written");
    }
}
