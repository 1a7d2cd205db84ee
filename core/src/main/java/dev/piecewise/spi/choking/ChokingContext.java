package dev.piecewise.spi.choking;

import dev.piecewise.spi.Options;

import java.util.random.RandomGenerator;

/** What a choking policy gets when it is created. */
public interface ChokingContext {

    /** The options the user set, checked against {@link ChokingPolicyProvider#options()}. */
    Options options();

    /** The only source of randomness a policy may use (seeded by the simulator, from entropy in the engine). */
    RandomGenerator random();
}
