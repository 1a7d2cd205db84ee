package dev.piecewise.plugin.inorder;

import dev.piecewise.core.picker.PickerPeer;
import dev.piecewise.spi.Options;
import dev.piecewise.testkit.strategy.PickerScenario;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** In-order driven through the core's real picker: 30 pieces of 2 blocks. */
class InOrderStrategyTest {

    private final InOrderProvider provider = new InOrderProvider();
    private final PickerScenario scenario = new PickerScenario(30, 2, 3);

    @Test
    void picksTheLowestMissingPiecesInOrder() {
        scenario.use(provider, Map.of());
        scenario.picker().verified(0);
        scenario.picker().verified(2);
        PickerPeer peer = scenario.seed(1);
        assertEquals(List.of(1, 3, 4), scenario.pickPieces(peer, 6), "pieces we have are skipped");
        PickerPeer partial = scenario.peer(2, 5, 9, 7);
        assertEquals(List.of(5, 7, 9), scenario.pickPieces(partial, 10), "the lowest the peer has");
    }

    @Test
    void aStartedPieceInTheWindowIsFinishedByTheNextPeer() {
        scenario.use(provider, Map.of());
        PickerPeer first = scenario.seed(1);
        PickerPeer second = scenario.seed(2);
        assertEquals(List.of(0), scenario.pickPieces(first, 1));
        assertEquals(List.of(0, 1), scenario.pickPieces(second, 3), "the rest of piece 0, then piece 1");
    }

    @Test
    void staysWithinTheWindowAheadOfTheFirstMissingPiece() {
        scenario.use(provider, Map.of("window", "4"));
        PickerPeer peer = scenario.seed(1);
        assertEquals(List.of(0, 1, 2, 3), scenario.pickPieces(peer, 100));
        scenario.download(peer, 0);
        assertEquals(List.of(4), scenario.pickPieces(peer, 100), "piece 0 is done: the window moved on by one");
    }

    @Test
    void theWindowIsAnOptionWithBounds() {
        assertEquals("window", provider.options().get(0).key());
        assertEquals(16L, provider.options().get(0).defaultValue());
        assertThrows(IllegalArgumentException.class, () -> Options.of(provider.options(), Map.of("window", "0")));
        assertFalse(provider.modifier());
    }
}
