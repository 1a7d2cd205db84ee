package dev.piecewise.shell.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A command's words, parsed by its {@link Syntax}. */
public final class Arguments {

    private final Map<String, List<String>> positional;
    private final Map<String, String> options;
    private final Map<String, String> keyValues;

    Arguments(Map<String, List<String>> positional, Map<String, String> options, Map<String, String> keyValues) {
        this.positional = Map.copyOf(positional);
        this.options = Map.copyOf(options);
        this.keyValues = Collections.unmodifiableMap(new LinkedHashMap<>(keyValues));
    }

    /** The value of a (single) positional parameter, if given. */
    public Optional<String> get(String parameter) {
        List<String> values = positional.get(parameter);
        return values == null ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The value of a required positional parameter. */
    public String required(String parameter) {
        return get(parameter).orElseThrow(() -> new IllegalStateException("no parameter " + parameter));
    }

    /** Every value of a repeated parameter. */
    public List<String> all(String parameter) {
        return positional.getOrDefault(parameter, List.of());
    }

    /** The value of an option that takes one, if given. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Whether a flag (or an option) was given. */
    public boolean has(String name) {
        return options.containsKey(name);
    }

    /** The {@code key=value} words, in the order typed. */
    public Map<String, String> keyValues() {
        return keyValues;
    }

    /**
     * An option's value as a whole number within bounds.
     *
     * @throws CommandFailure when it is not one
     */
    public Optional<Long> number(String name, long min, long max) {
        return option(name).map(text -> {
            try {
                long value = Long.parseLong(text.strip());
                if (value < min || value > max) {
                    throw new CommandFailure("--" + name + " must be from " + min + " to " + max + ": " + text);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new CommandFailure("--" + name + " must be a whole number: '" + text + "'");
            }
        });
    }
}
