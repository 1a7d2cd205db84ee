/** The random-first piece strategy: random pieces until the first few are complete, then rarest first. */
module dev.piecewise.plugin.randomfirst {
    requires dev.piecewise.core;

    provides dev.piecewise.spi.strategy.PieceStrategyProvider
            with dev.piecewise.plugin.randomfirst.RandomFirstProvider;
}
