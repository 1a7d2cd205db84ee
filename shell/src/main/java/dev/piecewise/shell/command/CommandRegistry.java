package dev.piecewise.shell.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The shell's commands by name, in the order they are listed in {@code help}. */
public final class CommandRegistry {

    private final Map<String, Command> byName = new LinkedHashMap<>();
    private final Map<String, Command> byAlias = new LinkedHashMap<>();

    public CommandRegistry add(Command command, String... aliases) {
        if (byName.containsKey(command.name()) || byAlias.containsKey(command.name())) {
            throw new IllegalArgumentException("two commands named " + command.name());
        }
        byName.put(command.name(), command);
        for (String alias : aliases) {
            byAlias.put(alias, command);
        }
        return this;
    }

    /** The command a word names, by its name or an alias. */
    public Optional<Command> find(String word) {
        return Optional.ofNullable(byName.getOrDefault(word, byAlias.get(word)));
    }

    /** Every command, in registration order. */
    public Collection<Command> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** Every word that names a command (names and aliases), for completion. */
    public Collection<String> words() {
        var words = new ArrayList<>(byName.keySet());
        words.addAll(byAlias.keySet());
        return words;
    }
}
