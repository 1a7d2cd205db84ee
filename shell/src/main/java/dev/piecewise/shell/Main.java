package dev.piecewise.shell;

import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Starts the shell: {@code piecewise [options] [-c "commands"]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Optional<Path> home = Optional.ofNullable(System.getProperty("piecewise.home")).map(Path::of);
        var launcher = new Launcher(System.in, System.out, System.err, System.getenv(),
                Path.of("").toAbsolutePath(), home);
        int status = launcher.run(Arrays.asList(args), isTerminal(), client ->
                Runtime.getRuntime().addShutdownHook(new Thread(client::close, "stop-client")));
        System.exit(status);
    }

    /** Whether standard input and output are both a terminal (then the shell is interactive). */
    private static boolean isTerminal() {
        try {
            TerminalProvider provider = TerminalProvider.load(TerminalBuilder.PROP_PROVIDER_JNI);
            return provider.isSystemStream(SystemStream.Input) && provider.isSystemStream(SystemStream.Output);
        } catch (IOException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
