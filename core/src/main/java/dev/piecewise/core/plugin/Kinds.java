package dev.piecewise.core.plugin;

import dev.piecewise.api.PluginKind;
import dev.piecewise.spi.PluginProvider;
import dev.piecewise.spi.choking.ChokingPolicyProvider;
import dev.piecewise.spi.strategy.PieceStrategyProvider;
import dev.piecewise.spi.tracker.TrackerTransportProvider;

/** The service interface of each plugin kind and the words messages use for it. */
final class Kinds {

    private Kinds() {
    }

    static Class<? extends PluginProvider> service(PluginKind kind) {
        return switch (kind) {
            case STRATEGY -> PieceStrategyProvider.class;
            case CHOKING -> ChokingPolicyProvider.class;
            case TRACKER -> TrackerTransportProvider.class;
        };
    }

    /** "strategy", "choking policy", "tracker transport". */
    static String noun(PluginKind kind) {
        return switch (kind) {
            case STRATEGY -> "strategy";
            case CHOKING -> "choking policy";
            case TRACKER -> "tracker transport";
        };
    }

    /** "strategies", "choking policies", "tracker transports". */
    static String plural(PluginKind kind) {
        return switch (kind) {
            case STRATEGY -> "strategies";
            case CHOKING -> "choking policies";
            case TRACKER -> "tracker transports";
        };
    }
}
