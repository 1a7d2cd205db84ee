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

    /** Quits the shell (so it saves its state before the directory goes), then stops tmux. */
    @AfterEach
    void stop() throws Exception {
        try {
            if (!Files.exists(work.resolve("exit"))) {
                terminal.press("C-c");
                Thread.sleep(200);
                terminal.press("C-d");
                awaitExit();
            }
        } finally {
            terminal.close();
        }
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
    void ctrlCInterruptsAWaitAndTheTorrentGoesOn() throws Exception {
        Payload payload = Payload.create(work, 2, 100_000, 32 * 1024);
        String id = payload.infoHash().hex().substring(0, 8);
        terminal.type("add " + payload.torrent() + " --dir " + work.resolve("out"));
        terminal.press("Enter");
        terminal.awaitText(id, STEP);
        terminal.type("wait");
        terminal.press("Enter");
        awaitLine(PROMPT + "wait");
        // the first Ctrl-C may come before the command has started; later ones find it running
        for (int attempt = 0; attempt < 10 && !shows("wait: interrupted"); attempt++) {
            terminal.press("C-c");
            Thread.sleep(300);
        }
        terminal.awaitText("wait: interrupted", STEP);
        terminal.type("list");
        terminal.press("Enter");
        terminal.await("the torrent still listed", STEP, screen -> screen.stream()
                .anyMatch(line -> line.matches(id + "\\s+payload\\s+downloading.*")));
    }

    @Test
    void aNoticeWhileTypingAppearsAboveThePromptAndTheTypedLineSurvives() throws Exception {
        Payload payload = Payload.create(work, 3, 200_000, 32 * 1024);
        String id = payload.infoHash().hex().substring(0, 8);
        String port = terminal.awaitText("listening for peers on port ", STEP).stream()
                .filter(line -> line.startsWith("listening for peers on port ")).findFirst().orElseThrow()
                .substring("listening for peers on port ".length());
        try (var seeder = ShellProcess.start(Launch.command(work.resolve("seeder")))) {
            seeder.send("add " + payload.torrent() + " --dir " + payload.seedDirectory() + "; wait --timeout 30");
            seeder.await(id + " complete");

            terminal.type("add " + payload.torrent() + " --dir " + work.resolve("out"));
            terminal.press("Enter");
            terminal.awaitText("1 torrent: 1 active, 0 seeding", STEP);
            terminal.type("stat");
            awaitLine(PROMPT + "stat");

            seeder.send("connect " + id + " 127.0.0.1:" + port);
            terminal.awaitText(id + " payload: download complete", Duration.ofSeconds(30));
            List<String> screen = terminal.awaitText("1 torrent: 0 active, 1 seeding", STEP);
            assertTrue(screen.indexOf(PROMPT + "stat") > indexOfLineContaining(screen, "download complete"),
                    "the notice is above the typed line:\n" + String.join("\n", screen));
            terminal.type("us " + id);
            terminal.press("Enter");
            terminal.awaitText("state         seeding", STEP);
            payload.assertDownloadedTo(work.resolve("out"));
        }
    }

    private static int indexOfLineContaining(List<String> screen, String text) {
        for (int i = 0; i < screen.size(); i++) {
            if (screen.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private boolean shows(String text) throws Exception {
        return terminal.screen().stream().anyMatch(line -> line.contains(text));
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
