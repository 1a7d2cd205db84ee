package dev.piecewise.core.picker;

import dev.piecewise.core.plugin.CallWatch;
import dev.piecewise.spi.strategy.PickSink;
import dev.piecewise.spi.strategy.PieceView;

/**
 * The sink a strategy offers to during one pick. Whatever it is offered, it requests only blocks that are safe and
 * useful: of a piece in range that we do not have, that the peer has, that the peer does not choke us for (unless
 * allowed fast), not yet received, and not already requested from this peer; {@link #piece} takes only blocks nobody
 * has requested, {@link #block} may duplicate a request outstanding elsewhere. It never throws for bad input.
 *
 * <p>An offer of a piece or block out of range is noted ({@link #invalidOffer()}): the picker then replaces the
 * strategy, since it does not understand the torrent. A strategy that keeps offering long after any useful answer is possible is cut off: past a limit every offer
 * answers {@code false} and {@link #ranAway()} tells the picker.
 */
final class SafePickSink implements PickSink {

    private final TorrentPieces pieces;
    private final long offerLimit;
    private PickerPeer peer;
    private RequestSink out;
    private int budget;
    private int emitted;
    private long offers;
    private RuntimeException engineFailure;
    private String invalidOffer;
    private final CallWatch watch;

    SafePickSink(TorrentPieces pieces, CallWatch watch) {
        this.pieces = pieces;
        this.watch = watch;
        // a sensible strategy offers each piece or block a few times at most
        this.offerLimit = 2 * (pieces.geometry.pieceCount() + pieces.geometry.totalBlocks()) + 1024;
    }

    void open(PickerPeer peer, int budget, RequestSink out) {
        this.peer = peer;
        this.budget = budget;
        this.out = out;
        this.emitted = 0;
        this.offers = 0;
        this.engineFailure = null;
        this.invalidOffer = null;
    }

    void close() {
        peer = null;
        out = null;
    }

    int emitted() {
        return emitted;
    }

    boolean full() {
        return budget == 0 || offers > offerLimit;
    }

    boolean ranAway() {
        return offers > offerLimit;
    }

    /** Lets another strategy offer within the same pick, after the first one ran away. */
    void forgiveOffers() {
        offers = 0;
    }

    /** The first offer of this pick that named no piece or block of the torrent, in words, or null. */
    String invalidOffer() {
        return invalidOffer;
    }

    /** What the engine's request sink threw, if it did: not the strategy's fault. */
    RuntimeException engineFailure() {
        return engineFailure;
    }

    @Override
    public boolean piece(int piece) {
        watch.check();
        offers++;
        if (full()) {
            return false;
        }
        if (!pieces.geometry.contains(piece)) {
            return invalid("offered piece " + piece);
        }
        if (!requestable(piece)) {
            return true;
        }
        PartialPiece partial = pieces.partials.get(piece);
        if (partial != null && partial.freeCount() == 0) {
            return true;
        }
        partial = pieces.startedPiece(piece);
        for (int block = partial.firstFree(); block < partial.blocks() && budget > 0; block++) {
            if (partial.isFree(block)) {
                request(partial, block);
            }
        }
        return budget > 0;
    }

    @Override
    public boolean block(int piece, int block) {
        watch.check();
        offers++;
        if (full()) {
            return false;
        }
        if (!pieces.geometry.contains(piece) || block < 0 || block >= pieces.geometry.blockCount(piece)) {
            return invalid("offered block " + block + " of piece " + piece);
        }
        if (!requestable(piece)) {
            return true;
        }
        PartialPiece partial = pieces.startedPiece(piece);
        if (!partial.received(block) && !peer.requests.contains(BlockSet.key(piece, block))) {
            request(partial, block);
        }
        return budget > 0;
    }

    private boolean invalid(String offer) {
        if (invalidOffer == null) {
            invalidOffer = offer + ", which the torrent does not have (" + pieces.geometry.pieceCount() + " pieces)";
        }
        return true;
    }

    private boolean requestable(int piece) {
        return pieces.geometry.contains(piece) && !pieces.have(piece) && peer.has(piece)
                && (!peer.choking() || peer.allowedFast(piece));
    }

    private void request(PartialPiece partial, int block) {
        peer.requests.add(BlockSet.key(partial.piece, block));
        pieces.addRequest(partial, block);
        budget--;
        emitted++;
        try {
            out.request(partial.piece, block * PieceView.BLOCK_SIZE,
                    pieces.geometry.blockLength(partial.piece, block));
        } catch (RuntimeException e) {
            engineFailure = e;
            throw e;
        }
    }
}
