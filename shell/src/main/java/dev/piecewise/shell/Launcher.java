package dev.piecewise.shell;

import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.shell.command.CommandRegistry;
import dev.piecewise.shell.command.CommandRunner;
import dev.piecewise.shell.commands.Commands;
import dev.piecewise.shell.log.LogSetup;
import dev.piecewise.shell.log.UserAppender;
import dev.piecewise.shell.terminal.ProgressDisplay;
import dev.piecewise.shell.terminal.ShellReader;
import dev.piecewise.shell.terminal.TerminalConsole;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One run of {@code piecewise}: reads the command line, sets up logging, starts the client once, then runs the
 * interactive shell or batch mode, and stops the client on the way out. Returns the exit status instead of exiting,
 * so tests can run it in-process.
 */
final class Launcher {

    static final int USAGE = 2;
    static final String LOG_FILE = "piecewise.log";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final Optional<Path> home;

    Launcher(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Path workingDirectory,
             Optional<Path> home) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.workingDirectory = workingDirectory;
        this.home = home;
    }

    /**
     * @param interactive whether standard input and output are a terminal
     * @param onStart     given the client holder once it exists (the real program adds a shutdown hook with it)
     */
    int run(List<String> args, boolean interactive, Consumer<ClientHolder> onStart) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, env, home, Path.of(System.getProperty("user.home")));
        } catch (UsageException e) {
            err.println("piecewise: " + e.getMessage());
            err.println("Try 'piecewise --help'.");
            return USAGE;
        }
        if (options.help()) {
            out.println(LaunchOptions.USAGE);
            return BatchMode.OK;
        }
        if (options.version()) {
            out.println("piecewise " + Piecewise.version() + " (Java " + Runtime.version() + ")");
            return BatchMode.OK;
        }
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            err.println("piecewise: cannot use the data directory " + options.dataDir() + ": " + e);
            return BatchMode.FAILED;
        }
        Path logFile = options.dataDir().resolve(LOG_FILE);
        UserAppender userLog = LogSetup.start(logFile, err::println);
        try {
            var config = new ClientConfig(options.dataDir(), options.pluginsDir(), options.bind(), options.port());
            // the client starts (plugins, engine) while the terminal and line editor are set up: two cores, one wait
            CompletableFuture<ClientHolder> starting = CompletableFuture.supplyAsync(
                    () -> ClientHolder.start(config, logFile.toString()),
                    task -> Thread.ofPlatform().name("start-client").start(task));
            Supplier<ClientHolder> client = () -> {
                ClientHolder started = starting.join();
                onStart.accept(started);
                return started;
            };
            var runner = new CommandRunner(Commands.all(), logFile::toString);
            boolean batch = options.commands().isPresent() || !interactive;
            return batch ? batch(options, client.get(), runner) : interactive(options, client, runner, userLog);
        } finally {
            LogSetup.stop();
        }
    }

    private int batch(LaunchOptions options, ClientHolder started, CommandRunner runner) {
        try (ClientHolder client = started) {
            var stdout = new PrintWriter(out, true, StandardCharsets.UTF_8);
            var context = new ShellContext(client, stdout, () -> 0, runner.registry(), workingDirectory);
            var mode = new BatchMode(runner, context, err);
            if (options.commands().isPresent()) {
                return mode.run(options.commands().get());
            }
            return mode.run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            err.println("piecewise: cannot read standard input: " + e.getMessage());
            return BatchMode.FAILED;
        }
    }

    private int interactive(LaunchOptions options, Supplier<ClientHolder> starting, CommandRunner runner,
                            UserAppender userLog) {
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().system(true).name("piecewise").build();
        } catch (IOException e) {
            starting.get().close();
            err.println("piecewise: cannot open the terminal: " + e.getMessage());
            return BatchMode.FAILED;
        }
        try (terminal; ClientHolder client = starting.get()) {
            CommandRegistry commands = runner.registry();
            LineReader reader = ShellReader.create(terminal, commands, client::running, workingDirectory,
                    Optional.of(options.dataDir().resolve("history")));
            var console = new TerminalConsole(terminal, reader, Thread.currentThread());
            userLog.redirect(console::notice);
            var context = new ShellContext(client, console.commandOutput(), terminal::getWidth, commands,
                    workingDirectory);
            greet(console, client);
            try (var progress = new ProgressDisplay(client::running, console)) {
                progress.start();
                new InteractiveShell(terminal, reader, console, runner, context).run();
            } finally {
                userLog.redirect(err::println);
                console.close();
            }
            if (client.running().isPresent()) {
                terminal.writer().println("stopping torrents and telling trackers...");
                terminal.flush();
            }
            return BatchMode.OK;
        } catch (IOException e) {
            // only closing the terminal throws this, once everything else is done
            err.println("piecewise: could not restore the terminal: " + e.getMessage());
            return BatchMode.FAILED;
        }
    }

    private static void greet(TerminalConsole console, ClientHolder client) {
        console.notice("Piecewise " + Piecewise.version() + ": type help for the commands, Tab to complete, "
                + "Ctrl-D to quit.");
        client.failure().ifPresent(reason -> console.notice("the client did not start: " + reason));
        client.running().ifPresent(c -> {
            try {
                console.notice("listening for peers on port " + c.port());
            } catch (PiecewiseException e) {
                console.notice("no torrents yet: " + e.getMessage());
            }
        });
    }
}
