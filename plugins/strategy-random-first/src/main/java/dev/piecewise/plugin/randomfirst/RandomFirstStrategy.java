package dev.piecewise.plugin.randomfirst;

import dev.piecewise.spi.strategy.PeerView;
import dev.piecewise.spi.strategy.PickSink;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceView;

import java.util.random.RandomGenerator;

/**
 * A newcomer has nothing to trade, and the rarest pieces are the slowest to get (few peers have them). So until
 * {@code first} pieces are complete this picks pieces at random, where any peer is likely to have them, then
 * switches to rarest first. Started pieces are always finished first: only complete pieces can be traded.
 */
final class RandomFirstStrategy implements PieceStrategy {

    /** Random tries per pick before falling back on the availability walk (for a peer with few pieces we need). */
    private static final int PROBES = 32;

    private final int first;
    private final RandomGenerator random;

    RandomFirstStrategy(int first, RandomGenerator random) {
        this.first = first;
        this.random = random;
    }

    @Override
    public void pick(PieceView torrent, PeerView peer, PickSink sink) {
        for (int i = 0; i < torrent.openCount(); i++) {
            int piece = torrent.open(i);
            if (requestable(peer, piece) && !sink.piece(piece)) {
                return;
            }
        }
        if (torrent.haveCount() < first && !pickRandomly(torrent, peer, sink)) {
            return;
        }
        torrent.availability().visitRarest(piece -> !requestable(peer, piece) || sink.piece(piece));
    }

    /** Suggested pieces (the peer has them at hand), then random ones. Returns {@code false} when the sink is full. */
    private boolean pickRandomly(PieceView torrent, PeerView peer, PickSink sink) {
        for (int i = 0; i < peer.suggestedCount(); i++) {
            int piece = peer.suggested(i);
            if (!torrent.have(piece) && requestable(peer, piece) && !sink.piece(piece)) {
                return false;
            }
        }
        for (int probe = 0; probe < PROBES; probe++) {
            int piece = random.nextInt(torrent.pieceCount());
            if (!torrent.have(piece) && requestable(peer, piece) && !sink.piece(piece)) {
                return false;
            }
        }
        return true;
    }

    private static boolean requestable(PeerView peer, int piece) {
        return peer.has(piece) && (!peer.choking() || peer.allowedFast(piece));
    }
}
