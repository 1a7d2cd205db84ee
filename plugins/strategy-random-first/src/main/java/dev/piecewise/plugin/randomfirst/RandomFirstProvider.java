package dev.piecewise.plugin.randomfirst;

import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceStrategyProvider;
import dev.piecewise.spi.strategy.StrategyContext;

import java.util.List;

/** Provides {@code random-first}. */
public final class RandomFirstProvider implements PieceStrategyProvider {

    static final String FIRST = "first";

    @Override
    public String id() {
        return "random-first";
    }

    @Override
    public String description() {
        return "random pieces until the first few are complete, then rarest first";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.integer(FIRST, 4, 1, Integer.MAX_VALUE,
                "how many complete pieces to get at random before switching to rarest first"));
    }

    @Override
    public PieceStrategy create(StrategyContext context) {
        return new RandomFirstStrategy((int) context.options().integer(FIRST), context.random());
    }
}
