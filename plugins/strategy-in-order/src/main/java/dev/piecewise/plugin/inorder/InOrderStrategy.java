package dev.piecewise.plugin.inorder;

import dev.piecewise.spi.strategy.PeerView;
import dev.piecewise.spi.strategy.PickSink;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceView;

/**
 * Requests the lowest missing pieces first, so that the data becomes usable from the start (a player can begin).
 * Only pieces within {@code window} of the first missing one are requested: several peers can keep their pipelines
 * full on neighbouring pieces, while the download never runs far ahead of the playback point.
 */
final class InOrderStrategy implements PieceStrategy {

    private final int window;

    InOrderStrategy(int window) {
        this.window = window;
    }

    @Override
    public void pick(PieceView torrent, PeerView peer, PickSink sink) {
        int first = torrent.nextMissing(0);
        if (first < 0) {
            return;
        }
        long end = Math.min((long) first + window, torrent.pieceCount());
        for (int piece = first; piece >= 0 && piece < end; piece = torrent.nextMissing(piece + 1)) {
            if (peer.has(piece) && (!peer.choking() || peer.allowedFast(piece)) && !sink.piece(piece)) {
                return;
            }
        }
    }
}
