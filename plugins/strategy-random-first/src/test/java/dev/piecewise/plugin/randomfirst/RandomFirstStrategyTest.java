package dev.piecewise.plugin.randomfirst;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random-first driven through the core's real picker, in a swarm where pieces 0..99 of 1000 are rare: rarest first
 * would take only those, random first takes pieces from everywhere.
 */
class RandomFirstStrategyTest {

    private static final int BLOCK = 16 * 1024;
    private static final int PIECES = 1000;
    private static final int RARE = 100;

    private final RandomFirstProvider provider = new RandomFirstProvider();
    private final PiecePicker picker = new PiecePicker("test", new PieceGeometry((long) PIECES * 2 * BLOCK, 2 * BLOCK),
            new SplittableRandom(3), InterestListener.NONE);
    private final PickerPeer seed;

    RandomFirstStrategyTest() {
        seed = picker.join(1);
        picker.haveAll(seed);
        picker.unchoked(seed);
        PickerPeer common = picker.join(2);
        var bits = new BitSet();
        bits.set(RARE, PIECES);
        picker.bitfield(common, bits);
    }

    @Test
    void itsFirstPicksAreSpreadOverTheWholeTorrent() {
        use("first", "4");
        List<Integer> picks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            picks.addAll(pickPieces(2));
        }
        assertEquals(40, picks.size(), "one new piece per pick");
        long rare = picks.stream().filter(piece -> piece < RARE).count();
        long tenths = picks.stream().map(piece -> piece / 100).distinct().count();
        assertTrue(rare <= 12, "about a tenth should be rare pieces, not all: " + picks);
        assertTrue(tenths >= 7, "picks should reach most tenths of the torrent: " + picks);
    }

    @Test
    void switchesToRarestFirstOnceTheFirstPiecesAreComplete() {
        use("first", "2");
        for (int done = 0; done < 2; done++) {
            int piece = pickPieces(2).get(0);
            picker.received(seed, piece, 0, BLOCK, CancelSink.NONE);
            picker.received(seed, piece, BLOCK, BLOCK, CancelSink.NONE);
            picker.verified(piece);
        }
        for (int i = 0; i < 20; i++) {
            int piece = pickPieces(2).get(0);
            assertTrue(piece < RARE, "rarest first after two complete pieces, got " + piece);
        }
    }

    @Test
    void finishesAStartedPieceFirst() {
        use("first", "4");
        picker.received(seed, 700, BLOCK, BLOCK, CancelSink.NONE);
        assertEquals(List.of(700), pickPieces(1));
    }

    @Test
    void takesSuggestedPiecesWhilePickingAtRandom() {
        use("first", "4");
        picker.suggest(seed, 321);
        assertEquals(List.of(321), pickPieces(2));
    }

    @Test
    void theSameSeedGivesTheSamePicks() {
        use("first", "4");
        List<Integer> once = pickPieces(20);
        var again = new PiecePicker("test", new PieceGeometry((long) PIECES * 2 * BLOCK, 2 * BLOCK),
                new SplittableRandom(3), InterestListener.NONE);
        again.setStrategy(provider.create(new Context(Options.of(provider.options(), Map.of()),
                new SplittableRandom(9))), provider.id());
        PickerPeer peer = again.join(1);
        again.haveAll(peer);
        again.unchoked(peer);
        var pieces = new ArrayList<Integer>();
        again.pick(peer, 20, (piece, begin, length) -> {
            if (!pieces.contains(piece)) {
                pieces.add(piece);
            }
        });
        assertEquals(once, pieces);
    }

    private void use(String key, String value) {
        picker.setStrategy(provider.create(new Context(Options.of(provider.options(), Map.of(key, value)),
                new SplittableRandom(9))), provider.id());
    }

    private List<Integer> pickPieces(int budget) {
        var pieces = new ArrayList<Integer>();
        picker.pick(seed, budget, (piece, begin, length) -> {
            if (!pieces.contains(piece)) {
                pieces.add(piece);
            }
        });
        return pieces;
    }

    private record Context(Options options, RandomGenerator random) implements StrategyContext {
        @Override
        public Optional<PieceStrategy> base() {
            return Optional.empty();
        }
    }
}
