package dev.piecewise.shell.command;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.shell.format.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one statement: finds the command, parses its words, runs it, and turns whatever goes wrong into one line
 * for the user. Both the interactive shell and batch mode run statements here, so a command behaves the same in both.
 */
public final class CommandRunner {

    /**
     * Marks log events the user has already been told about, so the log's user-facing appender does not show them
     * a second time.
     */
    public static final Marker SHOWN = MarkerFactory.getMarker("SHOWN");

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final CommandRegistry registry;
    private final Supplier<String> logLocation;

    /**
     * @param logLocation where the log is, for the line shown after an unexpected error
     */
    public CommandRunner(CommandRegistry registry, Supplier<String> logLocation) {
        this.registry = registry;
        this.logLocation = logLocation;
    }

    public CommandRegistry registry() {
        return registry;
    }

    public Outcome run(Tokenizer.Statement statement, CommandContext context) {
        List<Tokenizer.Word> words = statement.words();
        if (words.isEmpty()) {
            return Outcome.done();
        }
        String name = words.getFirst().text();
        if (words.getLast().open() != 0) {
            return new Outcome.Failed(name, "unclosed quote " + words.getLast().open());
        }
        var command = registry.find(name);
        if (command.isEmpty()) {
            return new Outcome.Failed("", "unknown command '" + Text.printable(name) + "'" + suggestion(name));
        }
        List<String> rest = statement.texts().subList(1, words.size());
        try {
            if (rest.contains("--help") && command.get().syntax().options().stream()
                    .noneMatch(o -> o.name().equals("help"))) {
                HelpText.of(command.get()).forEach(context.out()::println);
                return Outcome.done();
            }
            Arguments args = parse(command.get(), rest);
            command.get().run(args, context);
            return Outcome.done();
        } catch (InterruptedException e) {
            return new Outcome.Interrupted(name);
        } catch (CommandFailure | PiecewiseException e) {
            log.debug("{} failed", name, e);
            return new Outcome.Failed(name, Text.printable(e.getMessage()));
        } catch (Exception | LinkageError | AssertionError e) {
            log.error(SHOWN, "{} failed unexpectedly", name, e);
            return new Outcome.Failed(name, "unexpected error (" + e.getClass().getSimpleName() + "); see the log at "
                    + logLocation.get());
        } finally {
            context.out().flush();
        }
    }

    private Arguments parse(Command command, List<String> words) {
        try {
            return command.syntax().parse(words);
        } catch (CommandFailure e) {
            throw new CommandFailure(e.getMessage() + "; usage: " + command.syntax().synopsis(command.name()), e);
        }
    }

    private String suggestion(String typed) {
        List<String> close = registry.words().stream()
                .filter(w -> w.startsWith(typed) || distance(w, typed) <= 2)
                .sorted(Comparator.comparingInt(w -> distance(w, typed)))
                .limit(3).toList();
        return close.isEmpty() ? "; type help for the list" : "; did you mean " + String.join(" or ", close) + "?";
    }

    /** Edit distance, for suggestions on typos. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
