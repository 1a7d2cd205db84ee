package dev.piecewise.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Piecewise in batch mode with a pipe for standard input, so a test can send commands one line at a time and act
 * between them (drop a plugin jar, start a peer) while the same client keeps running.
 */
final class ShellProcess implements AutoCloseable {

    private static final Duration STEP = Duration.ofSeconds(20);

    private final Process process;
    private final OutputStream stdin;
    private final ReentrantLock lock = new ReentrantLock();
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private int seen;

    private ShellProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread.ofVirtual().name("piecewise-stdout").start(() -> pump(process.getInputStream(), out));
        Thread.ofVirtual().name("piecewise-stderr").start(() -> pump(process.getErrorStream(), err));
    }

    static ShellProcess start(List<String> command) throws IOException {
        return new ShellProcess(new ProcessBuilder(command).start());
    }

    /** Sends one line of commands. */
    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Waits (bounded) until standard output shows {@code text} after what earlier waits consumed; returns it all. */
    String await(String text) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        long exitedAt = 0;
        while (true) {
            lock.lock();
            try {
                int at = out.indexOf(text, seen);
                if (at >= 0) {
                    String shown = out.substring(seen, at + text.length());
                    seen = at + text.length();
                    return shown;
                }
                long now = System.nanoTime();
                if (exitedAt == 0 && !process.isAlive()) {
                    exitedAt = now;
                }
                // after an exit, half a second for the pumps to take in what was written last
                if (now > deadline || exitedAt != 0 && now - exitedAt > 500_000_000L) {
                    fail("waited for '" + text + "'" + (exitedAt != 0 ? " (piecewise exited)" : "")
                            + "; stdout after the last match:\n" + out.substring(seen) + "\nstderr:\n" + err);
                }
            } finally {
                lock.unlock();
            }
            Thread.sleep(20);
        }
    }

    /**
     * Runs a command and returns what it printed: {@code help quit} follows it, and its output marks the end. The
     * command must not fail (that would end the shell).
     */
    String output(String command) throws IOException, InterruptedException {
        send(command + "; help quit");
        return await("usage: quit");
    }

    /** Closes standard input (the end of the commands) and waits (bounded) for the exit status. */
    int finish() throws IOException, InterruptedException {
        stdin.close();
        if (!process.waitFor(STEP.toSeconds(), TimeUnit.SECONDS)) {
            fail("piecewise did not exit within " + STEP.toSeconds() + "s after its input ended");
        }
        return process.exitValue();
    }

    String errors() {
        lock.lock();
        try {
            return err.toString();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(STEP.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private void pump(InputStream stream, StringBuilder into) {
        char[] buffer = new char[8192];
        try (var reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                lock.lock();
                try {
                    into.append(buffer, 0, n);
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            lock.lock();
            try {
                into.append("\n[reading the process output failed: ").append(e).append("]\n");
            } finally {
                lock.unlock();
            }
        }
    }
}
