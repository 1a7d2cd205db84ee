package dev.piecewise.plugin.inorder;

import dev.piecewise.core.picker.CancelSink;
import dev.piecewise.core.picker.InterestListener;
import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.picker.PiecePicker;
import dev.piecewise.core.picker.PickerPeer;
import dev.piecewise.spi.Options;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.StrategyContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** In-order driven through the core's real picker. */
class InOrderStrategyTest {

    private static final int BLOCK = 16 * 1024;
    private static final int PIECES = 30;

    private final InOrderProvider provider = new InOrderProvider();
    private final PiecePicker picker = new PiecePicker("test", new PieceGeometry((long) PIECES * 2 * BLOCK, 2 * BLOCK),
            new SplittableRandom(3), InterestListener.NONE);

    @Test
    void picksTheLowestMissingPiecesInOrder() {
        use(Map.of());
        picker.verified(0);
        picker.verified(2);
        PickerPeer peer = seed(1);
        assertEquals(List.of(1, 3, 4), pickPieces(peer, 6), "pieces we have are skipped");
        PickerPeer partial = peer(2, 5, 9, 7);
        assertEquals(List.of(5, 7, 9), pickPieces(partial, 10), "the lowest the peer has");
    }

    @Test
    void aStartedPieceInTheWindowIsFinishedByTheNextPeer() {
        use(Map.of());
        PickerPeer first = seed(1);
        PickerPeer second = seed(2);
        assertEquals(List.of(0), pickPieces(first, 1));
        assertEquals(List.of(0, 1), pickPieces(second, 3), "the rest of piece 0, then piece 1");
    }

    @Test
    void staysWithinTheWindowAheadOfTheFirstMissingPiece() {
        use(Map.of("window", "4"));
        PickerPeer peer = seed(1);
        assertEquals(List.of(0, 1, 2, 3), pickPieces(peer, 100));
        // piece 0 arrives and is verified: the window moves on by one
        for (int block = 0; block < 2; block++) {
            picker.received(peer, 0, block * BLOCK, BLOCK, CancelSink.NONE);
        }
        picker.verified(0);
        assertEquals(List.of(4), pickPieces(peer, 100));
    }

    @Test
    void theWindowIsAnOptionWithBounds() {
        assertEquals("window", provider.options().get(0).key());
        assertEquals(16L, provider.options().get(0).defaultValue());
        assertThrows(IllegalArgumentException.class, () -> Options.of(provider.options(), Map.of("window", "0")));
        assertFalse(provider.modifier());
    }

    private void use(Map<String, String> options) {
        picker.setStrategy(provider.create(new Context(Options.of(provider.options(), options),
                new SplittableRandom(1))), provider.id());
    }

    private List<Integer> pickPieces(PickerPeer peer, int budget) {
        var pieces = new ArrayList<Integer>();
        picker.pick(peer, budget, (piece, begin, length) -> {
            if (!pieces.contains(piece)) {
                pieces.add(piece);
            }
        });
        return pieces;
    }

    private PickerPeer seed(long id) {
        PickerPeer peer = picker.join(id);
        picker.haveAll(peer);
        picker.unchoked(peer);
        return peer;
    }

    private PickerPeer peer(long id, int... pieces) {
        PickerPeer peer = picker.join(id);
        var bits = new BitSet();
        for (int piece : pieces) {
            bits.set(piece);
        }
        picker.bitfield(peer, bits);
        picker.unchoked(peer);
        return peer;
    }

    private record Context(Options options, RandomGenerator random) implements StrategyContext {
        @Override
        public Optional<PieceStrategy> base() {
            return Optional.empty();
        }
    }
}
