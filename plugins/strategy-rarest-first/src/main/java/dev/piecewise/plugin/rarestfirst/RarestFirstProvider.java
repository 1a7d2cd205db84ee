package dev.piecewise.plugin.rarestfirst;

import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceStrategyProvider;
import dev.piecewise.spi.strategy.StrategyContext;

/** Provides {@code rarest-first}. */
public final class RarestFirstProvider implements PieceStrategyProvider {

    @Override
    public String id() {
        return "rarest-first";
    }

    @Override
    public String description() {
        return "rarest pieces first (ties at random), started pieces finished before new ones";
    }

    @Override
    public PieceStrategy create(StrategyContext context) {
        return new RarestFirstStrategy();
    }
}
