package dev.piecewise.plugin.endgame;

import dev.piecewise.core.picker.BlockArrival;
import dev.piecewise.core.picker.CancelSink;
import dev.piecewise.core.picker.PickerPeer;
import dev.piecewise.spi.Options;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.testkit.strategy.PickerScenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-game over a simple lowest-first base, driven through the core's real picker: 3 pieces of 2 blocks. */
class EndGameStrategyTest {

    private static final int BLOCK = 16 * 1024;

    /** The base: lowest missing pieces first. */
    private static final PieceStrategy LOWEST_FIRST = (torrent, peer, sink) -> {
        for (int piece = torrent.nextMissing(0); piece >= 0; piece = torrent.nextMissing(piece + 1)) {
            if (peer.has(piece) && !sink.piece(piece)) {
                return;
            }
        }
    };

    private final EndGameProvider provider = new EndGameProvider();
    private final PickerScenario scenario = new PickerScenario(3, 2, 3);
    private final PickerPeer a = scenario.seed(1);
    private final PickerPeer b = scenario.seed(2);
    private final PickerPeer c = scenario.seed(3);

    @Test
    void duplicatesOnlyOnceEveryBlockIsRequested() {
        use(Map.of());
        assertEquals(List.of("0/0", "0/1", "1/0", "1/1"), scenario.pickBlocks(a, 4));
        assertEquals(List.of("2/0"), scenario.pickBlocks(b, 1), "blocks nobody requested remain: no duplicate");
        assertEquals(List.of("2/1", "0/0", "0/1", "1/0", "1/1"), scenario.pickBlocks(b, 10),
                "the last free block, then the blocks outstanding at the other peer");
        assertEquals(2, scenario.picker().pieces().requests(0, 0));
    }

    @Test
    void boundsRequestsPerBlock() {
        use(Map.of());
        scenario.pickBlocks(a, 6);
        assertEquals(6, scenario.pickBlocks(b, 10).size());
        assertEquals(List.of(), scenario.pickBlocks(c, 10), "every block is already requested from two peers");

        use(Map.of("per-block", "3"));
        assertEquals(6, scenario.pickBlocks(c, 10).size());
    }

    @Test
    void boundsDuplicatesPerPeer() {
        use(Map.of("per-peer", "2"));
        scenario.pickBlocks(a, 6);
        assertEquals(List.of("0/0", "0/1"), scenario.pickBlocks(b, 10));
        assertEquals(List.of(), scenario.pickBlocks(b, 10), "two duplicates are outstanding at it already");
        scenario.picker().received(b, 0, 0, BLOCK, CancelSink.NONE);
        assertEquals(List.of("1/0"), scenario.pickBlocks(b, 10),
                "block 0/0 arrived: one duplicate is left, so one more may be asked");
    }

    @Test
    void theCoreCancelsTheOtherRequestsWhenADuplicatedBlockArrives() {
        use(Map.of());
        scenario.pickBlocks(a, 6);
        scenario.pickBlocks(b, 10);
        var cancels = new ArrayList<String>();
        BlockArrival arrival = scenario.picker().received(b, 1, BLOCK, BLOCK,
                (peer, piece, begin, length) -> cancels.add(peer.id() + ":" + piece + "/" + begin / BLOCK));
        assertEquals(BlockArrival.Kind.REQUESTED, arrival.kind());
        assertEquals(List.of("1:1/1"), cancels);
        assertEquals(1, scenario.picker().metrics().cancels());
    }

    @Test
    void isAModifierThatNeedsABase() {
        assertTrue(provider.modifier());
        var error = assertThrows(IllegalArgumentException.class, () -> provider.create(PickerScenario.context(
                Options.defaults(provider.options()), new SplittableRandom(1), Optional.empty())));
        assertTrue(error.getMessage().contains("rarest-first+end-game"), error.getMessage());
    }

    private void use(Map<String, String> options) {
        scenario.use(provider, options, new SplittableRandom(1), Optional.of(LOWEST_FIRST));
    }
}
