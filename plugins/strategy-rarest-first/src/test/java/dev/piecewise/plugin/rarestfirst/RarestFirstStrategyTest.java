package dev.piecewise.plugin.rarestfirst;

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
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rarest-first driven through the core's real picker. */
class RarestFirstStrategyTest {

    private static final int BLOCK = 16 * 1024;
    private static final int BLOCKS = 4;
    private static final int PIECES = 20;

    private final RarestFirstProvider provider = new RarestFirstProvider();
    private final PiecePicker picker = new PiecePicker("test",
            new PieceGeometry((long) PIECES * BLOCKS * BLOCK, BLOCKS * BLOCK), new SplittableRandom(3),
            InterestListener.NONE);

    RarestFirstStrategyTest() {
        picker.setStrategy(provider.create(new Context(new SplittableRandom(5))), provider.id());
    }

    @Test
    void picksPiecesFromTheRarestUp() {
        PickerPeer seed = peer(1, all());
        // availability: the seed has everything; pieces 10..19 are also on a second peer, 15..19 on a third
        peer(2, range(10, 20));
        peer(3, range(15, 20));
        List<Integer> order = new ArrayList<>();
        for (int round = 0; round < PIECES; round++) {
            order.addAll(pickPieces(seed, BLOCKS));
        }
        assertEquals(PIECES, order.size());
        for (int i = 0; i < PIECES; i++) {
            int piece = order.get(i);
            int expectedAvailability = i < 10 ? 1 : i < 15 ? 2 : 3;
            assertEquals(expectedAvailability, picker.pieces().availability().of(piece), "pick " + i + ": " + order);
        }
    }

    @Test
    void finishesAStartedPieceBeforeStartingARarerOne() {
        PickerPeer seed = peer(1, all());
        PickerPeer other = peer(2, range(0, 19));
        // piece 7 is started: one block arrived from the other peer; piece 19 is the rarest
        picker.received(other, 7, BLOCK, BLOCK, CancelSink.NONE);
        assertEquals(List.of(7), pickPieces(seed, BLOCKS - 1));
        assertEquals(List.of(19), pickPieces(seed, BLOCKS));
    }

    @Test
    void takesOnlyPiecesThePeerHas() {
        peer(1, all());
        PickerPeer partial = peer(2, range(12, 14));
        List<Integer> picked = pickPieces(partial, 100);
        assertEquals(List.of(12, 13), picked.stream().sorted().toList());
    }

    @Test
    void whileChokedAsksOnlyForAllowedFastPieces() {
        PickerPeer seed = picker.join(1);
        picker.haveAll(seed);
        picker.allowedFast(seed, 4);
        assertEquals(List.of(4), pickPieces(seed, 100));
    }

    @Test
    void breaksTiesAtRandom() {
        var firsts = new java.util.HashSet<Integer>();
        for (int seed = 0; seed < 10; seed++) {
            var fresh = new PiecePicker("t", new PieceGeometry((long) PIECES * BLOCK, BLOCK),
                    new SplittableRandom(seed), InterestListener.NONE);
            fresh.setStrategy(provider.create(new Context(new SplittableRandom(seed))), provider.id());
            PickerPeer peer = fresh.join(1);
            fresh.haveAll(peer);
            fresh.unchoked(peer);
            var first = new ArrayList<Integer>();
            fresh.pick(peer, 1, (piece, begin, length) -> first.add(piece));
            firsts.add(first.get(0));
        }
        assertTrue(firsts.size() >= 5, "first picks over 10 seeds: " + firsts);
    }

    @Test
    void isABaseStrategyWithoutOptions() {
        assertEquals("rarest-first", provider.id());
        assertFalse(provider.modifier());
        assertTrue(provider.options().isEmpty());
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

    private PickerPeer peer(long id, BitSet pieces) {
        PickerPeer peer = picker.join(id);
        picker.bitfield(peer, pieces);
        picker.unchoked(peer);
        return peer;
    }

    private static BitSet all() {
        return range(0, PIECES);
    }

    private static BitSet range(int from, int to) {
        var bits = new BitSet();
        bits.set(from, to);
        return bits;
    }

    private record Context(RandomGenerator random) implements StrategyContext {
        @Override
        public Options options() {
            return Options.defaults(List.of());
        }

        @Override
        public Optional<PieceStrategy> base() {
            return Optional.empty();
        }
    }
}
