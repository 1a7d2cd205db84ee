package dev.piecewise.spi.strategy;

import dev.piecewise.spi.Options;

import java.util.Optional;
import java.util.random.RandomGenerator;

/** What a strategy gets when it is created. */
public interface StrategyContext {

    /** The options the user set, checked against {@link PieceStrategyProvider#options()}. */
    Options options();

    /**
     * The only source of randomness a strategy may use. The simulator seeds it, so that the same seed gives the same
     * run; the engine seeds it from entropy.
     */
    RandomGenerator random();

    /** For a modifier, the strategy it wraps; empty for a base strategy. */
    Optional<PieceStrategy> base();
}
