package dev.piecewise.shell;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch mode run in-process, as scripts use it: exit statuses, where output goes, stopping at a failure. */
class LauncherTest {

    @TempDir
    Path temp;

    @BeforeEach
    void installation() throws IOException {
        Files.createDirectories(temp.resolve("home/plugins"));
    }

    private record Run(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Run run(String stdin, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var launcher = new Launcher(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), temp, Optional.of(temp.resolve("home")));
        var all = new ArrayList<>(List.of("--data", temp.resolve("data").toString(), "--port", "0",
                "--bind", "127.0.0.1"));
        all.addAll(List.of(args));
        int status = launcher.run(all, false, client -> { });
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void commandsFromTheCommandLineRunAndTheStatusIsZero() {
        Run run = run("", "-c", "help; help wait");
        assertEquals(0, run.status, run.err);
        assertTrue(run.out.lines().anyMatch(l -> l.matches("quit +stop every torrent.*")), run.out);
        assertTrue(run.out.contains("usage: wait [<id>] [--timeout SECONDS]"), run.out);
        assertEquals("", run.err);
    }

    @Test
    void theFirstFailingCommandStopsTheRestWithOneLineOnStandardError() {
        Run run = run("", "-c", "bogus; help");
        assertEquals(1, run.status);
        assertEquals(List.of("unknown command 'bogus'; type help for the list"), run.errLines());
        assertEquals("", run.out);
    }

    @Test
    void aCommandThatFailsIsNamedInItsErrorLine() {
        Run run = run("", "-c", "help wait; wait --timeout soon");
        assertEquals(1, run.status);
        assertEquals(1, run.errLines().size(), run.err);
        assertTrue(run.err.startsWith("wait: "), run.err);
        assertTrue(run.out.contains("usage: wait"), "the command before the failure ran");
    }

    @Test
    void standardInputIsReadLineByLineAndStopsAtAFailure() {
        Run run = run("help help\n\n# a comment\nbogus\nhelp wait\n");
        assertEquals(1, run.status);
        assertTrue(run.out.contains("usage: help [<command>]"), run.out);
        assertFalse(run.out.contains("usage: wait"), "nothing runs after the failure");
    }

    @Test
    void quitEndsStandardInputEarlyWithStatusZero() {
        Run run = run("help help; quit; bogus\nbogus\n");
        assertEquals(0, run.status, run.err);
        assertEquals("", run.err);
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithStatusTwo() {
        Run run = run("", "--frobnicate");
        assertEquals(2, run.status);
        assertEquals(List.of("piecewise: unknown option --frobnicate", "Try 'piecewise --help'."), run.errLines());
    }

    @Test
    void helpAndVersionPrintAndExitWithoutStarting() {
        Run help = run("", "--help");
        assertEquals(0, help.status);
        assertTrue(help.out.startsWith("usage: piecewise [options]"), help.out);
        Run version = run("", "--version");
        assertEquals(0, version.status);
        assertTrue(version.out.startsWith("piecewise "), version.out);
        assertFalse(Files.exists(temp.resolve("data")), "neither touches the data directory");
    }

    @Test
    void theLogGoesToAFileInTheDataDirectoryAndNothingElseReachesTheConsole() throws IOException {
        Run run = run("", "-c", "help help");
        assertEquals("", run.err);
        assertTrue(Files.isRegularFile(temp.resolve("data/piecewise.log")));
        assertFalse(run.out.contains("logback") || run.out.contains("SLF4J"), run.out);
    }

    @Test
    void warningsFromTheClientReachStandardErrorAsOneLine() throws IOException {
        Files.delete(temp.resolve("home/plugins"));
        Run run = run("", "-c", "help help");
        assertEquals(0, run.status);
        assertEquals(List.of("warning: plugin " + temp.resolve("home/plugins")
                + ": the plugins folder does not exist"), run.errLines());
    }

    @Test
    void theEmbeddedTrackerStartsShowsItsUrlsAndStops() {
        Run run = run("", "-c", "tracker; tracker start; tracker; tracker stop; tracker");
        assertEquals(0, run.status, run.err);
        List<String> lines = run.out.lines().toList();
        assertEquals("no tracker is running; start one with: tracker start [--port N]", lines.get(0));
        assertTrue(lines.get(1).matches("tracker started on port \\d+"), lines.get(1));
        String port = lines.get(1).substring("tracker started on port ".length());
        assertEquals("  http://127.0.0.1:" + port + "/announce", lines.get(2));
        assertEquals("  udp://127.0.0.1:" + port + "/announce", lines.get(3));
        assertEquals("tracker running on port " + port, lines.get(4));
        assertEquals("tracker on port " + port + " stopped", lines.get(7));
        assertEquals(lines.get(0), lines.get(8));
    }

    @Test
    void aPortWithoutStartIsAMistake() {
        Run run = run("", "-c", "tracker stop --port 5");
        assertEquals(1, run.status);
        assertEquals(List.of("tracker: --port goes with start: tracker start --port N"), run.errLines());
    }

    @Test
    void anUnusableDataDirectoryStopsTheStartWithAClearLine() throws IOException {
        Files.writeString(temp.resolve("data"), "a file, not a directory");
        Run run = run("", "-c", "help");
        assertEquals(1, run.status);
        assertTrue(run.err.startsWith("piecewise: cannot use the data directory " + temp.resolve("data")), run.err);
    }
}
