package dev.piecewise.shell.terminal;

import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** A real JLine xterm terminal over pipes: tests type into it and read what it drew. */
final class VirtualTerminal implements AutoCloseable {

    /** CSI sequences ({@code ESC [ params final}) and the two-byte ones JLine uses ({@code ESC 7}, {@code ESC =}). */
    private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;?$<>=]*[ -/]*[@-~]|\u001b[78=>]");

    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ReentrantLock screenLock = new ReentrantLock();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    final Terminal terminal;

    VirtualTerminal() throws IOException {
        var input = new PipedInputStream(keyboard, 4096);
        var output = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                screenLock.lock();
                try {
                    screen.write(b);
                } finally {
                    screenLock.unlock();
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                screenLock.lock();
                try {
                    screen.write(b, off, len);
                } finally {
                    screenLock.unlock();
                }
            }
        };
        terminal = TerminalBuilder.builder().system(false).provider(TerminalBuilder.PROP_PROVIDER_EXEC)
                .streams(input, output).type("xterm-256color")
                .size(Size.of(100, 24)).encoding(StandardCharsets.UTF_8).build();
    }

    void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** The text drawn so far, with the escape sequences that move the cursor or set modes taken out. */
    String drawn() {
        screenLock.lock();
        try {
            return ESCAPES.matcher(screen.toString(StandardCharsets.UTF_8)).replaceAll("");
        } finally {
            screenLock.unlock();
        }
    }

    /** Waits (bounded) until the output contains {@code text} at or after {@code from}; returns where it starts. */
    int awaitDrawn(String text, int from) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            int at = drawn().indexOf(text, from);
            if (at >= 0) {
                return at;
            }
            Thread.sleep(10);
        }
        return fail("not drawn within 5s: '" + text + "'; the screen got: " + drawn().substring(from)
                );
    }

    @Override
    public void close() throws IOException {
        keyboard.close();
        try {
            terminal.close();
        } catch (IllegalStateException e) {
            // JLine 4.5's pty terminal redraws its status bar after marking itself closed; nothing is lost
            assertEquals("Terminal has been closed", e.getMessage());
        }
    }
}
