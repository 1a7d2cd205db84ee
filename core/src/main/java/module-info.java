/**
 * The Piecewise core: a BitTorrent engine whose policies are plugins.
 *
 * <p>Only the API (for front ends such as the shell) and the SPIs (for plugins) are exported; the engine itself
 * stays in unexported packages. Plugins are found with {@link java.util.ServiceLoader}, one module layer per jar.
 */
module dev.piecewise.core {
    requires org.slf4j;
    // the embedded tracker's HTTP side
    requires jdk.httpserver;

    exports dev.piecewise.api;
    exports dev.piecewise.api.bencode;
    exports dev.piecewise.spi;
    exports dev.piecewise.spi.strategy;
    exports dev.piecewise.spi.choking;
    exports dev.piecewise.spi.tracker;

    uses dev.piecewise.spi.strategy.PieceStrategyProvider;
    uses dev.piecewise.spi.choking.ChokingPolicyProvider;
    uses dev.piecewise.spi.tracker.TrackerTransportProvider;
}
