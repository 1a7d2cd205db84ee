package dev.piecewise.core.metainfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the established tools tests compare against. A missing tool skips the test, unless the environment variable
 * {@code PIECEWISE_REQUIRE_INTEROP} is set (as in CI), where it fails it.
 */
public final class ExternalTools {

    /** The system interpreter: python3-libtorrent is importable only there. */
    public static final String PYTHON = "/usr/bin/python3";

    private static final long TIMEOUT_SECONDS = 60;

    private ExternalTools() {
    }

    /** Skips (or, in CI, fails) the test unless {@code program} is on the PATH or is an existing absolute path. */
    public static void require(String program) {
        boolean found = program.startsWith("/") ? Files.isExecutable(Path.of(program))
                : Path.of(program).getNameCount() == 1 && onPath(program);
        available(found, program + " is not installed");
    }

    /** Skips (or, in CI, fails) the test unless the system Python can import libtorrent. */
    public static void requireLibtorrent() {
        require(PYTHON);
        boolean importable;
        try {
            importable = exitCode(List.of(PYTHON, "-c", "import libtorrent")) == 0;
        } catch (IOException e) {
            importable = false;
        }
        available(importable, "python3-libtorrent is not installed");
    }

    /** Runs a command to completion (bounded by a timeout) and returns its standard output; fails on a non-zero exit. */
    public static String run(List<String> command, Path directory) throws IOException {
        Path output = Files.createTempFile("piecewise-tool", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            int exit = await(process, command);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, exit, () -> String.join(" ", command) + " failed:\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Runs a Python script with the system interpreter (libtorrent available) and returns its output. */
    public static String python(String script, Path directory, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(arguments));
        return run(command, directory);
    }

    private static int exitCode(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return await(process, command);
    }

    private static int await(Process process, List<String> command) throws IOException {
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.getFirst(), e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    private static void available(boolean found, String message) {
        if (!found && System.getenv("PIECEWISE_REQUIRE_INTEROP") != null) {
            fail(message + " (PIECEWISE_REQUIRE_INTEROP is set, so interop tools are required)");
        }
        assumeTrue(found, message);
    }
}
