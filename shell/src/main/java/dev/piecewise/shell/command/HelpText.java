package dev.piecewise.shell.command;

import java.util.ArrayList;
import java.util.List;

/** The help of one command, as {@code help <command>} and {@code <command> --help} show it. */
public final class HelpText {

    private HelpText() {
    }

    public static List<String> of(Command command) {
        var lines = new ArrayList<String>();
        lines.add("usage: " + command.syntax().synopsis(command.name()));
        lines.add("  " + command.summary());
        if (!command.details().isBlank()) {
            lines.add("");
            command.details().lines().forEach(line -> lines.add("  " + line));
        }
        List<Option> options = command.syntax().options();
        if (!options.isEmpty()) {
            lines.add("");
            lines.add("options:");
            int width = options.stream().mapToInt(o -> o.usage().length()).max().orElse(0);
            for (Option o : options) {
                lines.add("  " + o.usage() + " ".repeat(width - o.usage().length() + 2) + o.help());
            }
        }
        return lines;
    }
}
