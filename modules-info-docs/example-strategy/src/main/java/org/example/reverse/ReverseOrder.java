package org.example.reverse;

import dev.piecewise.spi.strategy.PeerView;
import dev.piecewise.spi.strategy.PickSink;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceView;

/**
 * Requests the highest-numbered pieces first, for example to check that a torrent's tail arrives. One instance per
 * torrent, called by one thread at a time; it keeps no view between calls.
 */
final class ReverseOrder implements PieceStrategy {

    private final boolean finishPartial;

    ReverseOrder(boolean finishPartial) {
        this.finishPartial = finishPartial;
    }

    @Override
    public void pick(PieceView torrent, PeerView peer, PickSink sink) {
        if (finishPartial) {
            for (int i = 0; i < torrent.partialCount(); i++) {
                int piece = torrent.partial(i);
                if (peer.has(piece) && !sink.piece(piece)) {
                    return; // the peer's pipeline is full
                }
            }
        }
        // stops as soon as the pipeline is full; the core skips blocks that are already requested
        for (int piece = torrent.pieceCount() - 1; piece >= 0; piece--) {
            if (!torrent.have(piece) && peer.has(piece) && !sink.piece(piece)) {
                return;
            }
        }
    }
}
