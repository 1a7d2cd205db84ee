package dev.piecewise.shell;

import dev.piecewise.shell.command.CommandRunner;
import dev.piecewise.shell.command.Outcome;
import dev.piecewise.shell.command.Tokenizer;
import dev.piecewise.shell.terminal.TerminalConsole;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The read-run loop at a terminal. Each command runs on its own thread so that Ctrl-C can interrupt it: the first
 * Ctrl-C interrupts the command, a second one leaves it to finish in the background and returns to the prompt.
 * Ctrl-C at the prompt drops the line being typed; Ctrl-D at an empty prompt exits like {@code quit}.
 */
final class InteractiveShell {

    private static final Logger log = LoggerFactory.getLogger(InteractiveShell.class);
    private static final String PROMPT = "piecewise> ";

    private final Terminal terminal;
    private final LineReader reader;
    private final TerminalConsole console;
    private final CommandRunner runner;
    private final ShellContext context;
    private final AtomicReference<Running> running = new AtomicReference<>();
    private Thread readerThread;

    /** The command in progress and how many times Ctrl-C was pressed during it. */
    private static final class Running {
        final Thread thread;
        final AtomicInteger interrupts = new AtomicInteger();

        Running(Thread thread) {
            this.thread = thread;
        }
    }

    InteractiveShell(Terminal terminal, LineReader reader, TerminalConsole console, CommandRunner runner,
                     ShellContext context) {
        this.terminal = terminal;
        this.reader = reader;
        this.console = console;
        this.runner = runner;
        this.context = context;
    }

    /** Runs until quit or Ctrl-D. */
    void run() {
        readerThread = Thread.currentThread();
        // Installed for the whole session; the reader installs its own while a line is read and restores this one.
        terminal.handle(Terminal.Signal.INT, signal -> interrupt());
        while (!context.quitRequested()) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            for (Tokenizer.Statement statement : Tokenizer.statements(line)) {
                if (!runOne(statement) || context.quitRequested()) {
                    break;
                }
            }
        }
    }

    /** Runs one statement; whether the rest of the line should run. */
    private boolean runOne(Tokenizer.Statement statement) {
        var outcome = new AtomicReference<Outcome>();
        Thread thread = Thread.ofVirtual().name("command").unstarted(() -> outcome.set(runner.run(statement, context)));
        var current = new Running(thread);
        console.commandStarted();
        running.set(current);
        try {
            thread.start();
            thread.join();
        } catch (InterruptedException e) {
            // the reader thread is only interrupted by a second Ctrl-C: leave the command behind
            log.info("left '{}' running in the background after a second Ctrl-C", statement.texts());
            console.notice("still finishing in the background: " + String.join(" ", statement.texts()));
            return false;
        } finally {
            running.set(null);
            Thread.interrupted();
            console.commandFinished();
        }
        return report(outcome.get());
    }

    private boolean report(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Done done -> true;
            case Outcome.Failed failed -> {
                error(failed.line());
                yield false;
            }
            case Outcome.Interrupted interrupted -> {
                error(interrupted.command() + ": interrupted");
                yield false;
            }
        };
    }

    private void error(String line) {
        context.out().println(new AttributedString(line, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED))
                .toAnsi(terminal));
        context.out().flush();
    }

    /** Ctrl-C outside the line editor: interrupt the command; the second time, stop waiting for it. */
    private void interrupt() {
        Running current = running.get();
        if (current == null) {
            return;
        }
        if (current.interrupts.incrementAndGet() == 1) {
            current.thread.interrupt();
        } else {
            readerThread.interrupt();
        }
    }
}
