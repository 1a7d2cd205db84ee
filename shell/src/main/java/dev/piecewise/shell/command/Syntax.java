package dev.piecewise.shell.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a command accepts: positional parameters, named options and, for commands that configure a plugin,
 * {@code key=value} pairs. It parses a command's words and tells completion what the next word should be, from one
 * reading of the words, so the two cannot disagree.
 */
public final class Syntax {

    private static final Pattern KEY_VALUE = Pattern.compile("[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*=.*");

    private final List<Parameter> parameters;
    private final List<Option> options;
    private final String keyValuesOf;

    private Syntax(List<Parameter> parameters, List<Option> options, String keyValuesOf) {
        this.parameters = List.copyOf(parameters);
        this.options = List.copyOf(options);
        this.keyValuesOf = keyValuesOf;
        for (int i = 0; i < this.parameters.size() - 1; i++) {
            if (this.parameters.get(i).repeated()) {
                throw new IllegalArgumentException("only the last parameter may repeat");
            }
        }
    }

    public static Syntax of(List<Parameter> parameters, List<Option> options) {
        return new Syntax(parameters, options, null);
    }

    public static Syntax none() {
        return of(List.of(), List.of());
    }

    /**
     * The same syntax, also accepting {@code key=value} words: options of the plugin named by the parameter
     * {@code parameterName}.
     */
    public Syntax withKeyValuesOf(String parameterName) {
        parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter " + parameterName));
        return new Syntax(parameters, options, parameterName);
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public List<Option> options() {
        return options;
    }

    /** The parameter whose plugin the {@code key=value} words configure, if this syntax takes them. */
    public Optional<Parameter> keyValuesOf() {
        return parameters.stream().filter(p -> p.name().equals(keyValuesOf)).findFirst();
    }

    /** {@code add <file.torrent> [--dir DIR] [--strategy SPEC]}. */
    public String synopsis(String command) {
        var out = new StringBuilder(command);
        for (Parameter p : parameters) {
            out.append(' ').append(p.synopsis());
            if (p.name().equals(keyValuesOf)) {
                out.append(" [key=value...]");
            }
        }
        for (Option o : options) {
            out.append(" [").append(o.usage()).append(']');
        }
        return out.toString();
    }

    /**
     * Parses a command's words (the command name not included).
     *
     * @throws CommandFailure naming what is wrong: an unknown option, a missing value or argument, an extra word
     */
    public Arguments parse(List<String> words) {
        var positional = new LinkedHashMap<String, List<String>>();
        var optionValues = new LinkedHashMap<String, String>();
        var keyValues = new LinkedHashMap<String, String>();
        int position = 0;
        for (Reading r : read(words)) {
            switch (r.role) {
                case UNKNOWN_OPTION -> throw new CommandFailure("unknown option " + r.word + knownOptions());
                case OPTION -> {
                    Option option = r.option;
                    if (optionValues.containsKey(option.name())) {
                        throw new CommandFailure("--" + option.name() + " is given twice");
                    }
                    if (option.takesValue() && r.value == null) {
                        throw new CommandFailure("--" + option.name() + " needs a value: " + option.usage());
                    }
                    if (!option.takesValue() && r.value != null) {
                        throw new CommandFailure("--" + option.name() + " takes no value");
                    }
                    optionValues.put(option.name(), option.takesValue() ? r.value : "");
                }
                case OPTION_VALUE -> {
                    // consumed with its option
                }
                case KEY_VALUE -> {
                    int eq = r.word.indexOf('=');
                    if (keyValues.put(r.word.substring(0, eq), r.word.substring(eq + 1)) != null) {
                        throw new CommandFailure(r.word.substring(0, eq) + "= is given twice");
                    }
                }
                case POSITIONAL -> {
                    if (position >= parameters.size()) {
                        throw new CommandFailure("unexpected argument '" + r.word + "'");
                    }
                    Parameter p = parameters.get(position);
                    if (p.kind() == ValueKind.CHOICE && !p.choices().contains(r.word)) {
                        throw new CommandFailure("unknown sub-command '" + r.word + "'; expected "
                                + String.join(" or ", p.choices()));
                    }
                    positional.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(r.word);
                    if (!p.repeated()) {
                        position++;
                    }
                }
            }
        }
        for (Parameter p : parameters) {
            if (!p.optional() && !positional.containsKey(p.name())) {
                throw new CommandFailure("missing " + p.synopsis());
            }
        }
        return new Arguments(positional, optionValues, keyValues);
    }

    /**
     * What the word after {@code before} (the complete words typed so far, the command name not included) should
     * be: the value of an option, the next positional parameter, or nothing in particular (empty).
     */
    public Expectation expect(List<String> before) {
        List<Reading> readings = read(before);
        if (!readings.isEmpty()) {
            Reading last = readings.getLast();
            if (last.role == Role.OPTION && last.option.takesValue() && last.value == null) {
                return new Expectation(Optional.of(last.option.kind()), Optional.empty(), Optional.of(last.option));
            }
        }
        int position = 0;
        for (Reading r : readings) {
            if (r.role == Role.POSITIONAL && position < parameters.size() && !parameters.get(position).repeated()) {
                position++;
            }
        }
        Optional<Parameter> next = position < parameters.size() ? Optional.of(parameters.get(position))
                : Optional.empty();
        return new Expectation(next.map(Parameter::kind), next, Optional.empty());
    }

    /** The positional words among {@code words}, read as {@link #parse} would, without judging them. */
    public List<String> positionalWords(List<String> words) {
        return read(words).stream().filter(r -> r.role == Role.POSITIONAL).map(Reading::word).toList();
    }

    /**
     * What the next word should be.
     *
     * @param kind      what it holds, if anything particular
     * @param parameter the positional parameter it would fill
     * @param option    the option whose value it is
     */
    public record Expectation(Optional<ValueKind> kind, Optional<Parameter> parameter, Optional<Option> option) {
    }

    private String knownOptions() {
        if (options.isEmpty()) {
            return "; this command takes no options";
        }
        return "; known: " + String.join(", ", options.stream().map(o -> "--" + o.name()).toList());
    }

    private enum Role { OPTION, OPTION_VALUE, UNKNOWN_OPTION, KEY_VALUE, POSITIONAL }

    private record Reading(Role role, String word, Option option, String value) {
    }

    private List<Reading> read(List<String> words) {
        var readings = new ArrayList<Reading>();
        boolean onlyPositional = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!onlyPositional && word.equals("--")) {
                onlyPositional = true;
            } else if (!onlyPositional && word.startsWith("--")) {
                int eq = word.indexOf('=');
                String name = word.substring(2, eq < 0 ? word.length() : eq);
                Optional<Option> option = options.stream().filter(o -> o.name().equals(name)).findFirst();
                if (option.isEmpty()) {
                    readings.add(new Reading(Role.UNKNOWN_OPTION, word, null, null));
                } else if (eq >= 0) {
                    readings.add(new Reading(Role.OPTION, word, option.get(), word.substring(eq + 1)));
                } else if (option.get().takesValue() && i + 1 < words.size()) {
                    readings.add(new Reading(Role.OPTION, word, option.get(), words.get(i + 1)));
                    readings.add(new Reading(Role.OPTION_VALUE, words.get(++i), option.get(), null));
                } else {
                    readings.add(new Reading(Role.OPTION, word, option.get(), null));
                }
            } else if (!onlyPositional && keyValuesOf != null && KEY_VALUE.matcher(word).matches()) {
                readings.add(new Reading(Role.KEY_VALUE, word, null, null));
            } else {
                readings.add(new Reading(Role.POSITIONAL, word, null, null));
            }
        }
        return readings;
    }
}
