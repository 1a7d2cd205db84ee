package dev.piecewise.spi.strategy;

import dev.piecewise.spi.PluginProvider;

/**
 * Creates piece-selection strategies, one per torrent. A strategy spec names a base strategy optionally followed by
 * modifiers joined with {@code +} ({@code rarest-first+end-game}); a modifier wraps the strategy to its left.
 */
public interface PieceStrategyProvider extends PluginProvider {

    /** Whether this provider is a modifier, which wraps a base strategy, rather than a base strategy itself. */
    default boolean modifier() {
        return false;
    }

    /**
     * A new strategy for one torrent. For a modifier, {@link StrategyContext#base()} is the strategy it wraps.
     * Must be cheap: it is called when a torrent is added or its strategy is switched.
     */
    PieceStrategy create(StrategyContext context);
}
