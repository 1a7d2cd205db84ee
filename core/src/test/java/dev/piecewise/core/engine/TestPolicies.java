package dev.piecewise.core.engine;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingView;
import dev.piecewise.spi.choking.PeerStats;
import dev.piecewise.spi.strategy.PieceStrategy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** Small strategies and choking policies for engine tests (the real ones are plugins, which core tests cannot load). */
final class TestPolicies {

    private TestPolicies() {
    }

    /** Started pieces first, then the rarest the peer has: what the rarest-first plugin does. */
    static PieceStrategy rarestFirst() {
        return (torrent, peer, sink) -> {
            for (int i = 0; i < torrent.openCount(); i++) {
                int piece = torrent.open(i);
                if (peer.has(piece) && !sink.piece(piece)) {
                    return;
                }
            }
            torrent.availability().visitRarest(piece -> !peer.has(piece) || sink.piece(piece));
        };
    }

    /**
     * The lowest missing pieces within {@code window} of the first one: what the in-order plugin does. Its choices
     * change only when a piece is verified, not when a block arrives.
     */
    static PieceStrategy inOrder(int window) {
        return (torrent, peer, sink) -> {
            int first = torrent.nextMissing(0);
            for (int piece = first; piece >= 0 && piece < first + window; piece = torrent.nextMissing(piece + 1)) {
                if (peer.has(piece) && !sink.piece(piece)) {
                    return;
                }
            }
        };
    }

    /** Unchokes every interested peer at once. */
    static ChokingPolicy unchokeAll() {
        return new ChokingPolicy() {
            @Override
            public Duration interval() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Set<ChokingEvent> triggers() {
                return EnumSet.of(ChokingEvent.PEER_INTERESTED, ChokingEvent.PEER_CONNECTED);
            }

            @Override
            public ChokingDecision rechoke(ChokingView view, boolean scheduled) {
                var decision = new ChokingDecision();
                for (PeerStats peer : view.peers()) {
                    if (peer.interested()) {
                        decision.unchoke(peer.id());
                    }
                }
                return decision;
            }
        };
    }
}
