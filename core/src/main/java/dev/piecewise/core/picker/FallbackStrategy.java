package dev.piecewise.core.picker;

import dev.piecewise.spi.strategy.PeerView;
import dev.piecewise.spi.strategy.PickSink;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceView;

/**
 * The core's own strategy, used before a torrent is given one and when a plugin strategy fails: started pieces
 * first (oldest first), then the rarest pieces the peer has. Not a plugin, so it is always there.
 */
final class FallbackStrategy implements PieceStrategy {

    static final String NAME = "built-in rarest-first";

    @Override
    public void pick(PieceView torrent, PeerView peer, PickSink sink) {
        for (int i = 0; i < torrent.openCount(); i++) {
            int piece = torrent.open(i);
            if (peer.has(piece) && !sink.piece(piece)) {
                return;
            }
        }
        torrent.availability().visitRarest(piece -> !peer.has(piece) || sink.piece(piece));
    }
}
