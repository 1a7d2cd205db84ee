package dev.piecewise.plugin.inorder;

import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceStrategyProvider;
import dev.piecewise.spi.strategy.StrategyContext;

import java.util.List;

/** Provides {@code in-order}. */
public final class InOrderProvider implements PieceStrategyProvider {

    static final String WINDOW = "window";

    @Override
    public String id() {
        return "in-order";
    }

    @Override
    public String description() {
        return "lowest missing pieces first, within a window ahead of the first (streaming)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.integer(WINDOW, 16, 1, 1 << 20,
                "how many pieces from the first missing one may be in flight at once"));
    }

    @Override
    public PieceStrategy create(StrategyContext context) {
        return new InOrderStrategy((int) context.options().integer(WINDOW));
    }
}
