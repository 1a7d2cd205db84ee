package dev.piecewise.plugin.unchokeall;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingView;
import dev.piecewise.spi.choking.PeerStats;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** Unchokes the interested peers, those already unchoked first; see {@link UnchokeAllProvider}. */
final class UnchokeAllPolicy implements ChokingPolicy {

    private static final Set<ChokingEvent> TRIGGERS = EnumSet.of(ChokingEvent.PEER_INTERESTED,
            ChokingEvent.PEER_NOT_INTERESTED, ChokingEvent.PEER_DISCONNECTED);

    @Override
    public Duration interval() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Set<ChokingEvent> triggers() {
        return TRIGGERS;
    }

    @Override
    public ChokingDecision rechoke(ChokingView view, boolean scheduled) {
        var decision = new ChokingDecision();
        unchokeInterested(view, decision, false);
        unchokeInterested(view, decision, true);
        return decision;
    }

    private static void unchokeInterested(ChokingView view, ChokingDecision decision, boolean choked) {
        for (PeerStats peer : view.peers()) {
            if (decision.unchoked().size() == view.maxUnchoked()) {
                return;
            }
            if (peer.interested() && peer.amChoking() == choked) {
                decision.unchoke(peer.id());
            }
        }
    }
}
