package dev.piecewise.dist;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interactive shell in a real terminal (tmux), started with {@code ./piecewise} as a user starts it. */
class ShellTerminalIT {

    private static final String PROMPT = "piecewise> ";
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofSeconds(5);

    @TempDir
    Path work;

    private Tmux terminal;

    @BeforeEach
    void start() throws Exception {
        String command = Launch.command(work.resolve("data")).stream().map(ShellTerminalIT::quote)
                .collect(Collectors.joining(" "));
        long started = System.nanoTime();
        terminal = Tmux.start(work, 120, 30, command + "; echo \"exit=$?\" > " + quote(work.resolve("exit").toString()));
        terminal.awaitText(PROMPT.strip(), START);
        System.out.printf("the interactive prompt appeared after %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterEach
    void stop() throws Exception {
        terminal.close();
    }

    private String lastLine() throws Exception {
        List<String> screen = terminal.screen().stream().filter(line -> !line.isBlank()).toList();
        return screen.getLast();
    }

    private String awaitExit() throws Exception {
        Path exit = work.resolve("exit");
        long deadline = System.nanoTime() + STEP.toNanos() * 2;
        while (!Files.exists(exit) || Files.readString(exit).isBlank()) {
            if (System.nanoTime() > deadline) {
                return "no exit within " + STEP.toSeconds() * 2 + "s; screen:\n" + String.join("\n", terminal.screen());
            }
            Thread.sleep(50);
        }
        return Files.readString(exit).strip();
    }

    @Test
    void tabCompletesACommandName() throws Exception {
        terminal.type("hel");
        terminal.press("Tab");
        awaitLine(PROMPT + "help");
        terminal.press("Enter");
        terminal.awaitText("help <command> shows a command's options", STEP);
    }

    @Test
    void tabCompletesPluginIdsModifiersAndOptionKeys() throws Exception {
        terminal.type("strategy rar");
        terminal.press("Tab");
        awaitLine(PROMPT + "strategy rarest-first");
        terminal.press("BSpace");
        terminal.type("+e");
        terminal.press("Tab");
        awaitLine(PROMPT + "strategy rarest-first+end-game");
        terminal.type("per-b");
        terminal.press("Tab");
        awaitLine(PROMPT + "strategy rarest-first+end-game per-block=");
        terminal.type("3");
        terminal.press("Enter");
        terminal.awaitText("default strategy: rarest-first+end-game per-block=3", STEP);
        terminal.type("choking ti");
        terminal.press("Tab");
        awaitLine(PROMPT + "choking tit-for-tat");
    }

    private void awaitLine(String line) throws Exception {
        terminal.await("the line '" + line + "'", STEP, screen -> screen.contains(line));
    }

    @Test
    void ctrlCAtThePromptDropsTheLineAndKeepsTheShell() throws Exception {
        terminal.type("remove everything");
        terminal.awaitText(PROMPT + "remove everything", STEP);
        terminal.press("C-c");
        terminal.await("a fresh prompt", STEP, screen -> screen.stream().filter(l -> !l.isBlank()).toList()
                .getLast().equals(PROMPT.strip()));
        terminal.type("help quit");
        terminal.press("Enter");
        terminal.awaitText("usage: quit", STEP);
    }

    @Test
    void ctrlDExitsCleanlyWithStatusZero() throws Exception {
        terminal.press("C-d");
        assertEquals("exit=0", awaitExit());
    }

    @Test
    void quitExitsCleanlyWithStatusZeroAndKeepsTheHistory() throws Exception {
        terminal.type("help add");
        terminal.press("Enter");
        terminal.awaitText("usage: add", STEP);
        terminal.type("quit");
        terminal.press("Enter");
        assertEquals("exit=0", awaitExit());
        String history = Files.readString(work.resolve("data/history"));
        assertTrue(history.contains("help add") && history.contains("quit"), history);
    }

    @Test
    void aFailingCommandShowsOneLineAndTheShellGoesOn() throws Exception {
        terminal.type("frobnicate");
        terminal.press("Enter");
        terminal.awaitText("unknown command 'frobnicate'; type help for the list", STEP);
        assertEquals(PROMPT.strip(), lastLine());
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
