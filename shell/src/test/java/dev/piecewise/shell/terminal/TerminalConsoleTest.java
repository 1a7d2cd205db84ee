package dev.piecewise.shell.terminal;

import dev.piecewise.shell.commands.Commands;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interactive pieces on a real JLine reader and terminal: what the user sees while typing. */
class TerminalConsoleTest {

    private static final String PROMPT = "piecewise> ";

    @TempDir
    Path temp;

    private VirtualTerminal screen;
    private LineReader reader;
    private CompletableFuture<String> line;
    private TerminalConsole console;

    @BeforeEach
    void startReading() throws Exception {
        screen = new VirtualTerminal();
        reader = ShellReader.create(screen.terminal, Commands.all(), Optional::empty, temp, Optional.empty());
        var ready = new CompletableFuture<TerminalConsole>();
        line = CompletableFuture.supplyAsync(() -> {
            ready.complete(new TerminalConsole(screen.terminal, reader, Thread.currentThread()));
            return reader.readLine(PROMPT);
        });
        console = ready.get(5, TimeUnit.SECONDS);
        screen.awaitDrawn(PROMPT, 0);
    }

    @AfterEach
    void close() throws Exception {
        if (!line.isDone()) {
            screen.type("\u0015\u0004"); // Ctrl-U, Ctrl-D: clear the line and end the reader
            assertThrows(ExecutionException.class, () -> line.get(5, TimeUnit.SECONDS));
        }
        screen.close();
    }

    private String enter() throws Exception {
        screen.type("\r");
        return line.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aNoticeWhileTypingAppearsAboveAndTheTypedLineSurvives() throws Exception {
        screen.type("stat");
        int typed = screen.awaitDrawn("stat", 0);
        Thread notifier = Thread.ofPlatform().start(() -> console.notice("warn: tracker udp://t:1 timed out"));
        notifier.join(5000);
        int notice = screen.awaitDrawn("warn: tracker udp://t:1 timed out", typed);
        screen.awaitDrawn(PROMPT + "stat", notice);
        screen.type("us ab12");
        assertEquals("status ab12", enter());
    }

    @Test
    void theProgressBarIsDrawnWhileTyping() throws Exception {
        screen.type("li");
        screen.awaitDrawn("li", 0);
        console.status(List.of(new AttributedString("1 torrent: 1 active")));
        int bar = screen.awaitDrawn("1 torrent: 1 active", 0);
        screen.type("st");
        screen.awaitDrawn("st", bar);
        assertEquals("list", enter());
    }

    @Test
    void tabCompletesACommandThroughTheReader() throws Exception {
        screen.type("hel\t");
        screen.awaitDrawn("help ", 0);
        assertEquals("help ", enter());
    }

    @Test
    void tabCompletesAPathWithASpaceSoItReadsBackAsOneWord() throws Exception {
        Files.writeString(temp.resolve("my file.torrent"), "d");
        screen.type("add my\t");
        screen.awaitDrawn("my\\ file.torrent", 0);
        String typed = enter();
        assertEquals("add my\\ file.torrent ", typed);
        assertEquals(List.of("add", "my file.torrent"),
                dev.piecewise.shell.command.Tokenizer.statements(typed).getFirst().texts());
    }

    @Test
    void whileACommandRunsNoticesAreWrittenDirectly() throws Exception {
        console.commandStarted();
        console.notice("abcd1234 x: download complete");
        assertTrue(screen.awaitDrawn("abcd1234 x: download complete", 0) > 0);
        console.commandFinished();
        assertEquals("", enter());
    }
}
