package dev.piecewise.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs {@code ./piecewise}, the launcher users run, against the assembled distribution, with its own data directory
 * and an ephemeral port on loopback so tests never collide or reach out.
 */
final class Launch {

    /** A finished run. */
    record Result(int status, String out, String err) {
    }

    private Launch() {
    }

    /** The launcher at the root of the checkout; the distribution is its {@code dist/target/piecewise}. */
    static Path launcher() {
        String home = System.getProperty("piecewise.home");
        if (home == null) {
            throw new IllegalStateException("system property piecewise.home is not set: run these tests with Maven"
                    + " (mvn verify), which assembles the distribution first");
        }
        Path launcher = Path.of(home).getParent().getParent().getParent().resolve("piecewise");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no launcher at " + launcher);
        }
        return launcher;
    }

    /** The command line that starts Piecewise for a test: the launcher, a private data dir, loopback, any port. */
    static List<String> command(Path dataDir, String... args) {
        var command = new ArrayList<>(List.of(launcher().toString(), "--data", dataDir.toString(), "--port", "0",
                "--bind", "127.0.0.1"));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs Piecewise to the end (bounded), feeding it {@code stdin}. */
    static Result run(Path work, String stdin, List<String> command) throws IOException, InterruptedException {
        return run(work, stdin, command, Map.of());
    }

    /**
     * Runs Piecewise to the end (bounded), feeding it {@code stdin}, with environment variables changed: a null
     * value removes the variable.
     */
    static Result run(Path work, String stdin, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Path in = Files.writeString(Files.createTempFile(work, "in", ".txt"), stdin);
        var builder = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("piecewise did not finish within 60s: " + command + "\nstderr: " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
