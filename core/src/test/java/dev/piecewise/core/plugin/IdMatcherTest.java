package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import org.junit.jupiter.api.Test;

import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdMatcherTest {

    private final TreeMap<String, String> ids = new TreeMap<>();

    {
        ids.put("end", "end");
        ids.put("end-game", "end-game");
        ids.put("in-order", "in-order");
    }

    @Test
    void anExactIdWinsOverTheLongerIdsItIsAPrefixOf() {
        assertEquals("end", IdMatcher.match("strategy", "end", ids));
        assertEquals("end-game", IdMatcher.match("strategy", "end-", ids));
    }

    @Test
    void aUniquePrefixIsEnoughAndAnAmbiguousOneNamesTheCandidates() {
        assertEquals("in-order", IdMatcher.match("strategy", "i", ids));
        assertEquals("'e' is ambiguous: end, end-game", assertThrows(PiecewiseException.class,
                () -> IdMatcher.match("strategy", "e", ids)).getMessage());
    }

    @Test
    void nothingMatchingListsWhatIsAvailable() {
        assertEquals("no strategy 'x'; available: end, end-game, in-order", assertThrows(PiecewiseException.class,
                () -> IdMatcher.match("strategy", "x", ids)).getMessage());
        assertEquals("no strategy given; available: end, end-game, in-order", assertThrows(PiecewiseException.class,
                () -> IdMatcher.match("strategy", " ", ids)).getMessage());
        assertEquals("no choking policy 'x'; none is installed", assertThrows(PiecewiseException.class,
                () -> IdMatcher.match("choking policy", "x", new TreeMap<String, String>())).getMessage());
    }
}
