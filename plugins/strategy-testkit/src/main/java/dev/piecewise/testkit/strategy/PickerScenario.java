package dev.piecewise.testkit.strategy;

import dev.piecewise.core.picker.CancelSink;
import dev.piecewise.core.picker.InterestListener;
import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.picker.PiecePicker;
import dev.piecewise.core.picker.PickerPeer;
import dev.piecewise.spi.Options;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceStrategyProvider;
import dev.piecewise.spi.strategy.PieceView;
import dev.piecewise.spi.strategy.StrategyContext;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One torrent's real {@link PiecePicker} with a strategy from a provider and peers that unchoke us, for strategy
 * tests: add peers, pick, and see which pieces or blocks were requested. Seeded, so runs repeat exactly.
 */
public final class PickerScenario {

    private static final int BLOCK = PieceView.BLOCK_SIZE;

    private final PiecePicker picker;

    /** {@code pieces} pieces of {@code blocksPerPiece} full blocks; ties among pieces broken by {@code seed}. */
    public PickerScenario(int pieces, int blocksPerPiece, long seed) {
        picker = new PiecePicker("test", new PieceGeometry((long) pieces * blocksPerPiece * BLOCK,
                blocksPerPiece * BLOCK), new SplittableRandom(seed), InterestListener.NONE);
    }

    public PiecePicker picker() {
        return picker;
    }

    /** Uses a strategy of {@code provider} with these options and randomness, wrapping {@code base} if a modifier. */
    public PickerScenario use(PieceStrategyProvider provider, Map<String, String> options, RandomGenerator random,
                              Optional<PieceStrategy> base) {
        picker.setStrategy(provider.create(context(Options.of(provider.options(), options), random, base)),
                provider.id());
        return this;
    }

    /** A base strategy of {@code provider} with these options. */
    public PickerScenario use(PieceStrategyProvider provider, Map<String, String> options) {
        return use(provider, options, new SplittableRandom(1), Optional.empty());
    }

    /** A peer with every piece that unchokes us. */
    public PickerPeer seed(long id) {
        PickerPeer peer = picker.join(id);
        picker.haveAll(peer);
        picker.unchoked(peer);
        return peer;
    }

    /** A peer with {@code pieces} that unchokes us. */
    public PickerPeer peer(long id, BitSet pieces) {
        PickerPeer peer = picker.join(id);
        picker.bitfield(peer, pieces);
        picker.unchoked(peer);
        return peer;
    }

    /** A peer with {@code pieces} that unchokes us. */
    public PickerPeer peer(long id, int... pieces) {
        var bits = new BitSet();
        for (int piece : pieces) {
            bits.set(piece);
        }
        return peer(id, bits);
    }

    /** The pieces of which blocks were requested in one pick of up to {@code budget} blocks, in request order. */
    public List<Integer> pickPieces(PickerPeer peer, int budget) {
        var pieces = new ArrayList<Integer>();
        picker.pick(peer, budget, (piece, begin, length) -> {
            if (!pieces.contains(piece)) {
                pieces.add(piece);
            }
        });
        return pieces;
    }

    /** The blocks requested in one pick of up to {@code budget} blocks, as {@code "piece/block"}, in request order. */
    public List<String> pickBlocks(PickerPeer peer, int budget) {
        var blocks = new ArrayList<String>();
        picker.pick(peer, budget, (piece, begin, length) -> blocks.add(piece + "/" + begin / BLOCK));
        return blocks;
    }

    /** Every block of {@code piece} arrives from {@code peer}, and the piece is verified. */
    public void download(PickerPeer peer, int piece) {
        for (int block = 0; block < picker.pieces().blockCount(piece); block++) {
            picker.received(peer, piece, block * BLOCK, BLOCK, CancelSink.NONE);
        }
        picker.verified(piece);
    }

    /** A strategy context as the core would make it. */
    public static StrategyContext context(Options options, RandomGenerator random, Optional<PieceStrategy> base) {
        return new StrategyContext() {
            @Override
            public Options options() {
                return options;
            }

            @Override
            public RandomGenerator random() {
                return random;
            }

            @Override
            public Optional<PieceStrategy> base() {
                return base;
            }
        };
    }

    /** The pieces {@code from} (inclusive) to {@code to} (exclusive). */
    public static BitSet range(int from, int to) {
        var bits = new BitSet();
        bits.set(from, to);
        return bits;
    }
}
