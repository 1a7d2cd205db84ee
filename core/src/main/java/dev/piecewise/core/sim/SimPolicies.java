package dev.piecewise.core.sim;

import dev.piecewise.core.plugin.ChokingSelection;
import dev.piecewise.core.plugin.StrategySelection;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.strategy.PieceStrategy;

import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Where the simulated peers get their strategy and choking policy: one fresh instance per peer, given randomness the
 * simulator seeds. In a comparison these come from the plugin registry's selections, so that the very classes the
 * engine runs are simulated.
 *
 * @param strategyName names the strategy in results ({@code rarest-first+end-game})
 * @param strategies   creates one peer's strategy from its randomness
 * @param chokingName  names the choking policy in results
 * @param chokers      creates one peer's choking policy from its randomness
 */
public record SimPolicies(String strategyName, Function<RandomGenerator, PieceStrategy> strategies,
                          String chokingName, Function<RandomGenerator, ChokingPolicy> chokers) {

    public SimPolicies {
        Objects.requireNonNull(strategyName, "strategyName");
        Objects.requireNonNull(strategies, "strategies");
        Objects.requireNonNull(chokingName, "chokingName");
        Objects.requireNonNull(chokers, "chokers");
    }

    /** The policies of resolved selections. */
    public static SimPolicies of(StrategySelection strategy, ChokingSelection choking) {
        return new SimPolicies(strategy.spec(), strategy::create, choking.spec(), choking::create);
    }
}
