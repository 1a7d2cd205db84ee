package dev.piecewise.shell.command;

import java.util.Objects;

/**
 * A named option of a command: {@code --dir DIR} (with a value) or {@code --delete-data} (a flag).
 *
 * @param name      without the leading dashes
 * @param valueName the value's name in the synopsis, or {@code null} for a flag
 * @param kind      what the value holds (for completion)
 * @param help      one line
 */
public record Option(String name, String valueName, ValueKind kind, String help) {

    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(help, "help");
    }

    public static Option flag(String name, String help) {
        return new Option(name, null, ValueKind.TEXT, help);
    }

    public static Option valued(String name, String valueName, ValueKind kind, String help) {
        return new Option(name, Objects.requireNonNull(valueName, "valueName"), kind, help);
    }

    public boolean takesValue() {
        return valueName != null;
    }

    /** {@code --dir DIR} or {@code --delete-data}. */
    public String usage() {
        return "--" + name + (takesValue() ? " " + valueName : "");
    }
}
