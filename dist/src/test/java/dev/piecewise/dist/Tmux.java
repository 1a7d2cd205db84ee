package dev.piecewise.dist;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A program in a real terminal: a private tmux server (its own socket in the test's directory, so nothing else is
 * touched) running one window that tests type into and read back.
 */
final class Tmux implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final Path socket;

    private Tmux(Path socket) {
        this.socket = socket;
    }

    /**
     * Starts {@code shellCommand} in a detached session of the given size. Skips the test when tmux is missing,
     * unless {@code PIECEWISE_REQUIRE_INTEROP} is set (as in CI), where that is a failure.
     */
    static Tmux start(Path dir, int columns, int rows, String shellCommand) throws IOException, InterruptedException {
        boolean installed = runQuietly(List.of("tmux", "-V"));
        if (System.getenv("PIECEWISE_REQUIRE_INTEROP") == null) {
            Assumptions.assumeTrue(installed, "tmux is not installed: the terminal tests are skipped");
        } else if (!installed) {
            fail("tmux is not installed, and PIECEWISE_REQUIRE_INTEROP is set");
        }
        var tmux = new Tmux(dir.resolve("tmux.sock"));
        tmux.tmux("new-session", "-d", "-s", "main", "-x", String.valueOf(columns), "-y", String.valueOf(rows),
                shellCommand);
        return tmux;
    }

    /** Types text as it is. */
    void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "main", "-l", text);
    }

    /** Presses keys by tmux name: {@code Enter}, {@code Tab}, {@code C-c}, {@code C-d}. */
    void press(String... keys) throws IOException, InterruptedException {
        var args = new ArrayList<>(List.of("send-keys", "-t", "main"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** What the window shows now, one string per line, trailing spaces removed. */
    List<String> screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", "main").lines().map(String::stripTrailing).toList();
    }

    /** Waits (bounded) until the screen satisfies {@code condition}; fails showing the screen otherwise. */
    List<String> await(String what, Duration timeout, Predicate<List<String>> condition)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> screen = screen();
        while (!condition.test(screen)) {
            if (System.nanoTime() > deadline) {
                fail("waited " + timeout.toSeconds() + "s for " + what + "; the screen shows:\n"
                        + String.join("\n", screen));
            }
            Thread.sleep(50);
            screen = screen();
        }
        return screen;
    }

    /** Waits until some line of the screen contains {@code text}. */
    List<String> awaitText(String text, Duration timeout) throws IOException, InterruptedException {
        return await("'" + text + "'", timeout, screen -> screen.stream().anyMatch(line -> line.contains(text)));
    }

    /** Stops the private server and whatever still runs in it. */
    @Override
    public void close() throws IOException, InterruptedException {
        runQuietly(List.of("tmux", "-S", socket.toString(), "kill-server"));
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // a screen is a few KiB, well within the pipe's buffer, so tmux can finish before it is read
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("tmux did not answer within " + COMMAND_TIMEOUT.toSeconds() + "s: " + command);
        }
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail("tmux failed (" + process.exitValue() + "): " + command + "\n" + text);
        }
        return text;
    }

    private static boolean runQuietly(List<String> command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
