package dev.piecewise.plugin.endgame;

import dev.piecewise.spi.strategy.PeerView;
import dev.piecewise.spi.strategy.PickSink;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceView;

/**
 * Leaves the choice to its base strategy until every missing block is requested. From then on a peer with room in
 * its pipeline would sit idle while the last blocks wait on slower peers, so it also asks that peer for blocks
 * outstanding elsewhere (oldest started pieces first), at most {@code perBlock} requests per block and
 * {@code perPeer} duplicates outstanding at one peer. The core cancels the other requests when a block arrives.
 */
final class EndGameStrategy implements PieceStrategy {

    private final PieceStrategy base;
    private final int perBlock;
    private final int perPeer;

    EndGameStrategy(PieceStrategy base, int perBlock, int perPeer) {
        this.base = base;
        this.perBlock = perBlock;
        this.perPeer = perPeer;
    }

    @Override
    public void pick(PieceView torrent, PeerView peer, PickSink sink) {
        base.pick(torrent, peer, sink);
        if (torrent.unrequestedBlocks() > 0) {
            return;
        }
        int duplicates = duplicatesAt(torrent, peer, perPeer);
        for (int i = 0; i < torrent.partialCount() && duplicates < perPeer; i++) {
            int piece = torrent.partial(i);
            if (!peer.has(piece) || peer.choking() && !peer.allowedFast(piece)) {
                continue;
            }
            for (int block = 0; block < torrent.blockCount(piece) && duplicates < perPeer; block++) {
                int requests = torrent.requests(piece, block);
                if (requests > 0 && requests < perBlock && !peer.requested(piece, block)) {
                    if (!sink.block(piece, block)) {
                        return;
                    }
                    duplicates++;
                }
            }
        }
    }

    /**
     * How many of this peer's outstanding requests are also outstanding elsewhere, counted up to {@code limit}: a
     * peer at the limit gets no more, so the rest of the scan (every block of every partial piece, on each pick of
     * the end game) would be wasted.
     */
    private static int duplicatesAt(PieceView torrent, PeerView peer, int limit) {
        if (peer.outstanding() == 0) {
            return 0;
        }
        int duplicates = 0;
        for (int i = 0; i < torrent.partialCount() && duplicates < limit; i++) {
            int piece = torrent.partial(i);
            for (int block = 0; block < torrent.blockCount(piece) && duplicates < limit; block++) {
                if (torrent.requests(piece, block) > 1 && peer.requested(piece, block)) {
                    duplicates++;
                }
            }
        }
        return duplicates;
    }
}
