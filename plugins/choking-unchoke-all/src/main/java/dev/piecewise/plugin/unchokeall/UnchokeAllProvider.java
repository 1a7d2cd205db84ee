package dev.piecewise.plugin.unchokeall;

import dev.piecewise.spi.choking.ChokingContext;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingPolicyProvider;

/**
 * {@code unchoke-all}: every interested peer is unchoked, at once when it becomes interested, whatever it gives back.
 * The baseline for comparing policies: it has no incentive at all, so a free rider does as well as anyone.
 *
 * <p>The core still caps how many peers are unchoked at once (raise its limit to really unchoke everyone); past the
 * cap, peers that already hold a slot keep it and the others wait, in the order they connected.
 */
public final class UnchokeAllProvider implements ChokingPolicyProvider {

    @Override
    public String id() {
        return "unchoke-all";
    }

    @Override
    public String description() {
        return "unchoke every interested peer (a baseline without incentives)";
    }

    @Override
    public ChokingPolicy create(ChokingContext context) {
        return new UnchokeAllPolicy();
    }
}
