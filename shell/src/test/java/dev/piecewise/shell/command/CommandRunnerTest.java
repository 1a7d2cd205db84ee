package dev.piecewise.shell.command;

import dev.piecewise.api.Client;
import dev.piecewise.api.PiecewiseException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandRunnerTest {

    /** A command that does what its test needs; records the arguments it ran with. */
    private static final class Probe implements Command {
        private final String name;
        private final Syntax syntax;
        private final Exception failure;
        final List<Arguments> runs = new ArrayList<>();

        Probe(String name, Syntax syntax, Exception failure) {
            this.name = name;
            this.syntax = syntax;
            this.failure = failure;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String summary() {
            return "probe " + name;
        }

        @Override
        public Syntax syntax() {
            return syntax;
        }

        @Override
        public void run(Arguments args, CommandContext context) throws Exception {
            runs.add(args);
            context.out().print("ran " + name);
            if (failure != null) {
                throw failure;
            }
        }
    }

    private final StringWriter output = new StringWriter();
    private final CommandContext context = new CommandContext() {
        private final PrintWriter out = new PrintWriter(output);

        @Override
        public Client client() {
            throw new CommandFailure("no client in this test");
        }

        @Override
        public PrintWriter out() {
            return out;
        }

        @Override
        public int width() {
            return 0;
        }

        @Override
        public Path workingDirectory() {
            return Path.of("/work");
        }

        @Override
        public CommandRegistry commands() {
            return registry;
        }

        @Override
        public void quit() {
        }
    };

    private final Probe status = new Probe("status", Syntax.of(List.of(Parameter.required("id", ValueKind.TORRENT)),
            List.of()), null);
    private final CommandRegistry registry = new CommandRegistry().add(status)
            .add(new Probe("strategy", Syntax.none(), null));
    private final CommandRunner runner = new CommandRunner(registry, () -> "/data/piecewise.log");

    private Outcome run(String line) {
        return runner.run(Tokenizer.statements(line).getFirst(), context);
    }

    private Outcome runWith(Exception failure) {
        var failing = new CommandRunner(new CommandRegistry().add(new Probe("boom", Syntax.none(), failure)),
                () -> "/data/piecewise.log");
        return failing.run(Tokenizer.statements("boom").getFirst(), context);
    }

    @Test
    void runsTheCommandWithItsParsedArguments() {
        assertEquals(new Outcome.Done(), run("status ab12"));
        assertEquals("ab12", status.runs.getFirst().required("id"));
        assertEquals("ran status", output.toString());
    }

    @Test
    void anUnknownCommandSuggestsCloseOnes() {
        assertEquals(new Outcome.Failed("", "unknown command 'st'; did you mean status or strategy?"),
                run("st"));
        assertEquals(new Outcome.Failed("", "unknown command 'statsu'; did you mean status?"), run("statsu"));
        assertEquals(new Outcome.Failed("", "unknown command 'zzz'; type help for the list"), run("zzz"));
    }

    @Test
    void badArgumentsFailWithTheUsage() {
        var outcome = (Outcome.Failed) run("status");
        assertEquals("status: missing <id>; usage: status <id>", outcome.line());
        assertTrue(status.runs.isEmpty());
    }

    @Test
    void anUnclosedQuoteFailsBeforeRunning() {
        assertEquals(new Outcome.Failed("status", "unclosed quote '"), run("status 'ab"));
        assertTrue(status.runs.isEmpty());
    }

    @Test
    void helpFlagShowsTheCommandsHelpInsteadOfRunningIt() {
        assertEquals(new Outcome.Done(), run("status --help"));
        assertTrue(output.toString().startsWith("usage: status <id>"), output.toString());
        assertTrue(status.runs.isEmpty());
    }

    @Test
    void userErrorsShowTheirMessageAsItIs() {
        assertEquals(new Outcome.Failed("boom", "no torrent 'x'"), runWith(new PiecewiseException("no torrent 'x'")));
        assertEquals(new Outcome.Failed("boom", "bad"), runWith(new CommandFailure("bad")));
        assertEquals(new Outcome.Failed("boom", "evil?[2J"), runWith(new PiecewiseException("evil\u001b[2J")));
    }

    @Test
    void unexpectedErrorsPointToTheLogWithoutAStackTrace() {
        var outcome = runWith(new IllegalStateException("internal detail"));
        assertEquals(new Outcome.Failed("boom", "unexpected error (IllegalStateException); see the log at "
                + "/data/piecewise.log"), outcome);
    }

    @Test
    void anInterruptedCommandIsReportedAsInterrupted() {
        assertInstanceOf(Outcome.Interrupted.class, runWith(new InterruptedException()));
    }

    @Test
    void editDistanceCountsSingleCharacterEdits() {
        assertEquals(0, CommandRunner.distance("list", "list"));
        assertEquals(1, CommandRunner.distance("list", "lst"));
        assertEquals(2, CommandRunner.distance("status", "statsu"));
        assertEquals(4, CommandRunner.distance("", "help"));
    }
}
