package dev.piecewise.plugin.rarestfirst;

import dev.piecewise.spi.strategy.PeerView;
import dev.piecewise.spi.strategy.PickSink;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceView;

/**
 * Finishes started pieces first (a complete piece can be verified and shared; blocks of many half-done pieces
 * cannot), oldest first; then starts the rarest pieces the peer has, which keeps every piece alive in the swarm and
 * gives us what others will want from us. Ties come out in random order from the core's availability index.
 */
final class RarestFirstStrategy implements PieceStrategy {

    @Override
    public void pick(PieceView torrent, PeerView peer, PickSink sink) {
        for (int i = 0; i < torrent.openCount(); i++) {
            int piece = torrent.open(i);
            if (requestable(peer, piece) && !sink.piece(piece)) {
                return;
            }
        }
        torrent.availability().visitRarest(piece -> !requestable(peer, piece) || sink.piece(piece));
    }

    /** Whether the peer can serve {@code piece} now: it has it, and does not choke us for it. */
    private static boolean requestable(PeerView peer, int piece) {
        return peer.has(piece) && (!peer.choking() || peer.allowedFast(piece));
    }
}
