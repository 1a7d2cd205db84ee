/** The end-game modifier: duplicate requests for the last blocks, so a slow peer cannot hold up the finish. */
module dev.piecewise.plugin.endgame {
    requires dev.piecewise.core;

    provides dev.piecewise.spi.strategy.PieceStrategyProvider
            with dev.piecewise.plugin.endgame.EndGameProvider;
}
