package org.example.reverse;

import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceStrategyProvider;
import dev.piecewise.spi.strategy.StrategyContext;

import java.util.List;

/**
 * Provides the reverse-order strategy. A provider is a stateless factory: Piecewise creates it once per plugins-folder
 * scan, reads its id, description and options, and calls {@link #create} for every torrent that uses it.
 */
public final class ReverseOrderProvider implements PieceStrategyProvider {

    @Override
    public String id() {
        return "reverse-order";
    }

    @Override
    public String description() {
        return "highest-numbered missing pieces first (the example plugin)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.flag("finish-partial", true,
                "finish started pieces before starting new ones"));
    }

    @Override
    public PieceStrategy create(StrategyContext context) {
        return new ReverseOrder(context.options().flag("finish-partial"));
    }
}
