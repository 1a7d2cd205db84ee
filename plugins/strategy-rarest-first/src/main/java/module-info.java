/** The rarest-first piece strategy: the pieces fewest peers have first, so that every piece stays in the swarm. */
module dev.piecewise.plugin.rarestfirst {
    requires dev.piecewise.core;

    provides dev.piecewise.spi.strategy.PieceStrategyProvider
            with dev.piecewise.plugin.rarestfirst.RarestFirstProvider;
}
