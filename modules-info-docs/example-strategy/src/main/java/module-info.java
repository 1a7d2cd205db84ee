/**
 * An example Piecewise plugin: the reverse-order piece-selection strategy. A plugin module requires the core (and
 * org.slf4j only if it logs), exports nothing, and provides its services.
 */
module org.example.reverse {
    requires dev.piecewise.core;

    provides dev.piecewise.spi.strategy.PieceStrategyProvider with org.example.reverse.ReverseOrderProvider;
}
