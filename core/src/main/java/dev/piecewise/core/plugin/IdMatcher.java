package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;

import java.util.List;
import java.util.SortedMap;

/**
 * Finds what a user means by an id or a unique prefix of one: {@code rarest} for {@code rarest-first}. An exact id
 * wins over longer ids it is a prefix of.
 */
final class IdMatcher {

    private IdMatcher() {
    }

    /**
     * @param noun what the ids name, for messages ("strategy")
     * @param typed what the user typed
     * @param byId  the candidates by id
     * @throws PiecewiseException naming what is available when nothing matches, or the candidates when several do
     */
    static <T> T match(String noun, String typed, SortedMap<String, T> byId) {
        if (typed.isBlank()) {
            throw new PiecewiseException("no " + noun + " given; " + available(byId));
        }
        T exact = byId.get(typed);
        if (exact != null) {
            return exact;
        }
        List<String> candidates = byId.keySet().stream().filter(id -> id.startsWith(typed)).toList();
        if (candidates.size() == 1) {
            return byId.get(candidates.getFirst());
        }
        if (candidates.isEmpty()) {
            throw new PiecewiseException("no " + noun + " '" + typed + "'; " + available(byId));
        }
        throw new PiecewiseException("'" + typed + "' is ambiguous: " + String.join(", ", candidates));
    }

    private static String available(SortedMap<String, ?> byId) {
        return byId.isEmpty() ? "none is installed" : "available: " + String.join(", ", byId.keySet());
    }
}
