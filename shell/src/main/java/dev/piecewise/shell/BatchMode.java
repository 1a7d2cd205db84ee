package dev.piecewise.shell;

import dev.piecewise.shell.command.CommandRunner;
import dev.piecewise.shell.command.Outcome;
import dev.piecewise.shell.command.Tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs commands without a terminal: from {@code -c} or line by line from standard input. It stops at the first
 * command that fails, as scripts expect ({@code add x.torrent; wait} must not wait for nothing), printing one line
 * on standard error; the exit status is then 1.
 */
final class BatchMode {

    static final int OK = 0;
    static final int FAILED = 1;

    private final CommandRunner runner;
    private final ShellContext context;
    private final PrintStream err;

    BatchMode(CommandRunner runner, ShellContext context, PrintStream err) {
        this.runner = runner;
        this.context = context;
        this.err = err;
    }

    /** Runs the statements of {@code -c}. */
    int run(String commands) {
        return runAll(Tokenizer.statements(commands)) ? OK : FAILED;
    }

    /** Runs standard input line by line, so a command starts as soon as its line arrives. */
    int run(BufferedReader input) throws IOException {
        for (String line = input.readLine(); line != null; line = input.readLine()) {
            if (!runAll(Tokenizer.statements(line))) {
                return FAILED;
            }
            if (context.quitRequested()) {
                break;
            }
        }
        return OK;
    }

    /** Whether every statement succeeded; stops at quit or at the first failure. */
    private boolean runAll(List<Tokenizer.Statement> statements) {
        for (Tokenizer.Statement statement : statements) {
            Outcome outcome = runner.run(statement, context);
            context.out().flush();
            switch (outcome) {
                case Outcome.Done done -> {
                }
                case Outcome.Failed failed -> {
                    err.println(failed.line());
                    return false;
                }
                case Outcome.Interrupted interrupted -> {
                    err.println(interrupted.command() + ": interrupted");
                    return false;
                }
            }
            if (context.quitRequested()) {
                return true;
            }
        }
        return true;
    }
}
