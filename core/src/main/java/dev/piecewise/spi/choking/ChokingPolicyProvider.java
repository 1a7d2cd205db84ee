package dev.piecewise.spi.choking;

import dev.piecewise.spi.PluginProvider;

/** Creates choking policies, one per torrent. */
public interface ChokingPolicyProvider extends PluginProvider {

    /** A new policy for one torrent; must be cheap. */
    ChokingPolicy create(ChokingContext context);
}
