package dev.piecewise.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds the real programs interop tests run against. A missing program skips the test, unless
 * {@code PIECEWISE_REQUIRE_INTEROP} is set (as in CI), where it fails it.
 */
public final class ExternalPrograms {

    /** The system interpreter: python3-libtorrent is importable only there. */
    public static final String PYTHON = "/usr/bin/python3";

    private ExternalPrograms() {
    }

    /** Skips or fails the calling test unless the system Python can import libtorrent. */
    public static void requireLibtorrent() {
        boolean importable;
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import libtorrent").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            importable = check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
            check.destroyForcibly();
        } catch (IOException e) {
            importable = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            importable = false;
        }
        if (!importable) {
            missing("python3-libtorrent is not installed (" + PYTHON + " cannot import libtorrent)");
        }
    }

    /** The program's path on {@code PATH}; skips or fails the calling test when it is missing. */
    public static Path require(String program) {
        Optional<Path> found = find(program);
        if (found.isEmpty()) {
            missing(program + " is not installed (not on PATH)");
        }
        return found.orElseThrow();
    }

    private static void missing(String message) {
        if (System.getenv("PIECEWISE_REQUIRE_INTEROP") != null) {
            throw new AssertionError(message + "; PIECEWISE_REQUIRE_INTEROP is set, so this is a failure");
        }
        Assumptions.abort(message + "; skipped (set PIECEWISE_REQUIRE_INTEROP=1 to fail instead)");
    }

    private static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
