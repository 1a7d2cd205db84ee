package dev.piecewise.plugin.rarestfirst;

import dev.piecewise.core.picker.CancelSink;
import dev.piecewise.core.picker.PickerPeer;
import dev.piecewise.testkit.strategy.PickerScenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static dev.piecewise.testkit.strategy.PickerScenario.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rarest-first driven through the core's real picker. */
class RarestFirstStrategyTest {

    private static final int BLOCK = 16 * 1024;
    private static final int BLOCKS = 4;
    private static final int PIECES = 20;

    private final RarestFirstProvider provider = new RarestFirstProvider();
    private final PickerScenario scenario = new PickerScenario(PIECES, BLOCKS, 3).use(provider, Map.of());

    @Test
    void picksPiecesFromTheRarestUp() {
        PickerPeer seed = scenario.seed(1);
        // availability: the seed has everything; pieces 10..19 are also on a second peer, 15..19 on a third
        scenario.peer(2, range(10, 20));
        scenario.peer(3, range(15, 20));
        List<Integer> order = new ArrayList<>();
        for (int round = 0; round < PIECES; round++) {
            order.addAll(scenario.pickPieces(seed, BLOCKS));
        }
        assertEquals(PIECES, order.size());
        for (int i = 0; i < PIECES; i++) {
            int expectedAvailability = i < 10 ? 1 : i < 15 ? 2 : 3;
            assertEquals(expectedAvailability, scenario.picker().pieces().availability().of(order.get(i)),
                    "pick " + i + ": " + order);
        }
    }

    @Test
    void finishesAStartedPieceBeforeStartingARarerOne() {
        PickerPeer seed = scenario.seed(1);
        PickerPeer other = scenario.peer(2, range(0, 19));
        // piece 7 is started: one block arrived from the other peer; piece 19 is the rarest
        scenario.picker().received(other, 7, BLOCK, BLOCK, CancelSink.NONE);
        assertEquals(List.of(7), scenario.pickPieces(seed, BLOCKS - 1));
        assertEquals(List.of(19), scenario.pickPieces(seed, BLOCKS));
    }

    @Test
    void takesOnlyPiecesThePeerHas() {
        scenario.seed(1);
        PickerPeer partial = scenario.peer(2, 12, 13);
        assertEquals(List.of(12, 13), scenario.pickPieces(partial, 100).stream().sorted().toList());
    }

    @Test
    void whileChokedAsksOnlyForAllowedFastPieces() {
        PickerPeer seed = scenario.seed(1);
        scenario.picker().choked(seed, false);
        scenario.picker().allowedFast(seed, 4);
        assertEquals(List.of(4), scenario.pickPieces(seed, 100));
    }

    @Test
    void breaksTiesAtRandom() {
        var firsts = new HashSet<Integer>();
        for (int seed = 0; seed < 10; seed++) {
            var fresh = new PickerScenario(PIECES, 1, seed).use(provider, Map.of());
            firsts.add(fresh.pickPieces(fresh.seed(1), 1).get(0));
        }
        assertTrue(firsts.size() >= 5, "first picks over 10 seeds: " + firsts);
    }

    @Test
    void isABaseStrategyWithoutOptions() {
        assertEquals("rarest-first", provider.id());
        assertFalse(provider.modifier());
        assertTrue(provider.options().isEmpty());
    }
}
