package dev.piecewise.shell.command;

import java.util.List;
import java.util.Objects;

/**
 * A positional argument of a command.
 *
 * @param name     the name shown in the synopsis ({@code file.torrent}, {@code id})
 * @param kind     what it holds
 * @param choices  the accepted words, for {@link ValueKind#CHOICE}
 * @param optional whether it may be left out
 * @param repeated whether it takes every remaining positional word (only the last parameter)
 */
public record Parameter(String name, ValueKind kind, List<String> choices, boolean optional, boolean repeated) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        choices = List.copyOf(choices);
    }

    public static Parameter required(String name, ValueKind kind) {
        return new Parameter(name, kind, List.of(), false, false);
    }

    public static Parameter optional(String name, ValueKind kind) {
        return new Parameter(name, kind, List.of(), true, false);
    }

    /** Zero or more words of this kind. */
    public static Parameter repeated(String name, ValueKind kind) {
        return new Parameter(name, kind, List.of(), true, true);
    }

    /** A sub-command word, such as {@code reload} in {@code plugins reload}. */
    public static Parameter choice(boolean optional, String... words) {
        return new Parameter(String.join("|", words), ValueKind.CHOICE, List.of(words), optional, false);
    }

    String synopsis() {
        String shown = kind == ValueKind.CHOICE ? name : "<" + name + ">";
        if (repeated) {
            return "[" + shown + "...]";
        }
        return optional ? "[" + shown + "]" : shown;
    }
}
