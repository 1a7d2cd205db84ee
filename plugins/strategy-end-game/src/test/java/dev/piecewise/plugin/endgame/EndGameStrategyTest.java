package dev.piecewise.plugin.endgame;

import dev.piecewise.core.picker.BlockArrival;
import dev.piecewise.core.picker.InterestListener;
import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.picker.PiecePicker;
import dev.piecewise.core.picker.PickerPeer;
import dev.piecewise.spi.Options;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.StrategyContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

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
    private final PiecePicker picker = new PiecePicker("test", new PieceGeometry(6L * BLOCK, 2 * BLOCK),
            new SplittableRandom(3), InterestListener.NONE);
    private final PickerPeer a = seed(1);
    private final PickerPeer b = seed(2);
    private final PickerPeer c = seed(3);

    @Test
    void duplicatesOnlyOnceEveryBlockIsRequested() {
        use(Map.of());
        assertEquals(List.of("0/0", "0/1", "1/0", "1/1"), pick(a, 4));
        assertEquals(List.of("2/0"), pick(b, 1), "blocks nobody requested remain: no duplicate");
        assertEquals(List.of("2/1", "0/0", "0/1", "1/0", "1/1"), pick(b, 10),
                "the last free block, then the blocks outstanding at the other peer");
        assertEquals(2, picker.pieces().requests(0, 0));
    }

    @Test
    void boundsRequestsPerBlock() {
        use(Map.of());
        pick(a, 6);
        assertEquals(6, pick(b, 10).size());
        assertEquals(List.of(), pick(c, 10), "every block is already requested from two peers");

        use(Map.of("per-block", "3"));
        assertEquals(6, pick(c, 10).size());
    }

    @Test
    void boundsDuplicatesPerPeer() {
        use(Map.of("per-peer", "2"));
        pick(a, 6);
        assertEquals(List.of("0/0", "0/1"), pick(b, 10));
        assertEquals(List.of(), pick(b, 10), "two duplicates are outstanding at it already");
        picker.received(b, 0, 0, BLOCK, (peer, piece, begin, length) -> { });
        assertEquals(List.of("1/0"), pick(b, 10), "block 0/0 arrived: one duplicate is left, so one more may be asked");
    }

    @Test
    void theCoreCancelsTheOtherRequestsWhenADuplicatedBlockArrives() {
        use(Map.of());
        pick(a, 6);
        pick(b, 10);
        var cancels = new ArrayList<String>();
        BlockArrival arrival = picker.received(b, 1, BLOCK, BLOCK,
                (peer, piece, begin, length) -> cancels.add(peer.id() + ":" + piece + "/" + begin / BLOCK));
        assertEquals(BlockArrival.Kind.REQUESTED, arrival.kind());
        assertEquals(List.of("1:1/1"), cancels);
        assertEquals(1, picker.metrics().cancels());
    }

    @Test
    void isAModifierThatNeedsABase() {
        assertTrue(provider.modifier());
        var error = assertThrows(IllegalArgumentException.class,
                () -> provider.create(new Context(Options.defaults(provider.options()), Optional.empty())));
        assertTrue(error.getMessage().contains("rarest-first+end-game"), error.getMessage());
    }

    private void use(Map<String, String> options) {
        picker.setStrategy(provider.create(new Context(Options.of(provider.options(), options),
                Optional.of(LOWEST_FIRST))), "lowest-first+end-game");
    }

    private List<String> pick(PickerPeer peer, int budget) {
        var blocks = new ArrayList<String>();
        picker.pick(peer, budget, (piece, begin, length) -> blocks.add(piece + "/" + begin / BLOCK));
        return blocks;
    }

    private PickerPeer seed(long id) {
        PickerPeer peer = picker.join(id);
        picker.haveAll(peer);
        picker.unchoked(peer);
        return peer;
    }

    private record Context(Options options, Optional<PieceStrategy> base) implements StrategyContext {
        @Override
        public RandomGenerator random() {
            return new SplittableRandom(1);
        }
    }
}
