package dev.piecewise.core.sim;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingView;
import dev.piecewise.spi.choking.PeerStats;
import dev.piecewise.spi.strategy.PeerView;
import dev.piecewise.spi.strategy.PickSink;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceView;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Strategies and a choking policy for the core's tests of the simulator and comparisons, written against the SPI like
 * any plugin (the real plugins are compared through the distribution's tests, since the core cannot depend on them).
 */
public final class TestPolicies {

    private TestPolicies() {
    }

    /** Started pieces first, then the rarest. */
    public static PieceStrategy rarestFirst() {
        return (torrent, peer, sink) -> {
            for (int i = 0; i < torrent.openCount(); i++) {
                if (peer.has(torrent.open(i)) && !sink.piece(torrent.open(i))) {
                    return;
                }
            }
            torrent.availability().visitRarest(piece -> !peer.has(piece) || sink.piece(piece));
        };
    }

    /** The lowest missing pieces first, without a window. */
    public static PieceStrategy lowestFirst() {
        return (PieceView torrent, PeerView peer, PickSink sink) -> {
            for (int piece = torrent.nextMissing(0); piece >= 0; piece = torrent.nextMissing(piece + 1)) {
                if (peer.has(piece) && !sink.piece(piece)) {
                    return;
                }
            }
        };
    }

    /** Every interested peer, up to the core's limit, at once when one becomes interested. */
    public static ChokingPolicy unchokeInterested() {
        return new ChokingPolicy() {
            @Override
            public Duration interval() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Set<ChokingEvent> triggers() {
                return EnumSet.of(ChokingEvent.PEER_INTERESTED, ChokingEvent.PEER_NOT_INTERESTED, ChokingEvent.PEER_DISCONNECTED);
            }

            @Override
            public ChokingDecision rechoke(ChokingView view, boolean scheduled) {
                var decision = new ChokingDecision();
                for (PeerStats peer : view.peers()) {
                    if (peer.interested() && decision.unchoked().size() < view.maxUnchoked()) {
                        decision.unchoke(peer.id());
                    }
                }
                return decision;
            }
        };
    }

    public static SimPolicies rarest() {
        return new SimPolicies("test-rarest", random -> rarestFirst(), "test-unchoke", random -> unchokeInterested());
    }

    public static SimPolicies lowest() {
        return new SimPolicies("test-lowest", random -> lowestFirst(), "test-unchoke", random -> unchokeInterested());
    }
}
