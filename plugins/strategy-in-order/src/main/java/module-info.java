/** The in-order piece strategy: the lowest missing pieces first, for playing media while it downloads. */
module dev.piecewise.plugin.inorder {
    requires dev.piecewise.core;

    provides dev.piecewise.spi.strategy.PieceStrategyProvider
            with dev.piecewise.plugin.inorder.InOrderProvider;
}
