package dev.piecewise.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./piecewise} as scripts use it: commands from -c or standard input, and the exit status. */
class BatchModeIT {

    @TempDir
    Path work;

    private Launch.Result run(String stdin, String... args) throws Exception {
        return Launch.run(work, stdin, Launch.command(work.resolve("data"), args));
    }

    @Test
    void successfulCommandsExitWithZero() throws Exception {
        long start = System.nanoTime();
        Launch.Result result = run("", "-c", "help; help add");
        System.out.printf("./piecewise -c 'help; help add' took %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("usage: add <file.torrent|magnet>"), result.out());
        assertEquals("", result.err());
        assertTrue(Files.isRegularFile(work.resolve("data/piecewise.log")), "the log goes to the data directory");
    }

    @Test
    void theLauncherStartsFromTheAotCacheTheBuildTrained() throws Exception {
        Launch.Result result = Launch.run(work, "", Launch.command(work.resolve("data"), "-c", "help"),
                Map.of("PIECEWISE_JAVA_OPTS", "-Xlog:aot=info"));
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("Opened AOT cache"), result.out());
        assertTrue(result.out().contains("Using AOT-linked classes: true"),
                "the JVM accepted the cache: " + result.out());
    }

    @Test
    void aFailingCommandExitsWithOneAfterOneLineOnStandardErrorAndStopsTheRest() throws Exception {
        Launch.Result result = run("", "-c", "help help; frobnicate; help add");
        assertEquals(1, result.status());
        assertEquals(List.of("unknown command 'frobnicate'; type help for the list"), result.err().lines().toList());
        assertTrue(result.out().contains("usage: help"), "what came before ran");
        assertFalse(result.out().contains("usage: add"), "what came after did not");
    }

    @Test
    void commandsAreReadFromStandardInputWhenItIsNotATerminal() throws Exception {
        Launch.Result result = run("help add\nhelp wait\n");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("usage: add") && result.out().contains("usage: wait"), result.out());
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithTwo() throws Exception {
        Launch.Result result = run("", "--frobnicate");
        assertEquals(2, result.status());
        assertEquals(List.of("piecewise: unknown option --frobnicate", "Try 'piecewise --help'."),
                result.err().lines().toList());
    }

    @Test
    void theBuiltInPluginsAreListedAndAPolicyIsChosenByPrefixWithOptions() throws Exception {
        Launch.Result result = run("", "-c", "plugins; choking tit slots=6; choking; choking tit --help");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("choking\\s+tit-for-tat\\s+\\S+\\s+"
                + "piecewise-plugin-titfortat\\.jar\\s+.*")), result.out());
        assertTrue(result.out().contains("default choking policy: tit-for-tat slots=6 "), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("\\*\\s+tit-for-tat\\s+.*")), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("\\s+slots=\\s+4\\s+0\\.\\.100\\s+.*")),
                result.out());
    }

    @Test
    void anUnknownPluginIsOneClearLine() throws Exception {
        Launch.Result result = run("", "-c", "choking frobnicate");
        assertEquals(1, result.status());
        assertTrue(result.err().startsWith("choking: no choking policy 'frobnicate'"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void versionAndHelp() throws Exception {
        Launch.Result version = run("", "--version");
        assertEquals(0, version.status());
        assertTrue(version.out().matches("piecewise \\S+ \\(Java \\S+\\)\\R"), version.out());
        Launch.Result help = run("", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--plugins DIR"), help.out());
    }
}
