package dev.piecewise.bench;

import dev.piecewise.core.sim.SimPolicies;
import dev.piecewise.plugin.endgame.EndGameProvider;
import dev.piecewise.plugin.inorder.InOrderProvider;
import dev.piecewise.plugin.propshare.PropShareProvider;
import dev.piecewise.plugin.randomfirst.RandomFirstProvider;
import dev.piecewise.plugin.rarestfirst.RarestFirstProvider;
import dev.piecewise.plugin.titfortat.TitForTatProvider;
import dev.piecewise.plugin.unchokeall.UnchokeAllProvider;
import dev.piecewise.spi.Options;
import dev.piecewise.spi.PluginProvider;
import dev.piecewise.spi.choking.ChokingContext;
import dev.piecewise.spi.choking.ChokingPolicyProvider;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceStrategyProvider;
import dev.piecewise.testkit.strategy.PickerScenario;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The built-in plugins' classes as the simulator's policies, without a plugins folder (the benchmarks run on the class
 * path). A spec is the usual {@code base+modifier}, each part optionally with options after colons:
 * {@code random-first:first=1000000}.
 */
final class BuiltInPolicies {

    private static final List<PieceStrategyProvider> STRATEGIES = List.of(new RarestFirstProvider(),
            new InOrderProvider(), new RandomFirstProvider(), new EndGameProvider());
    private static final List<ChokingPolicyProvider> POLICIES = List.of(new TitForTatProvider(),
            new UnchokeAllProvider(), new PropShareProvider());

    private BuiltInPolicies() {
    }

    static SimPolicies of(String strategySpec, String chokingId) {
        String[] parts = strategySpec.split("\\+");
        ChokingPolicyProvider choking = find(POLICIES, chokingId);
        Options chokingOptions = Options.defaults(choking.options());
        return new SimPolicies(strategySpec, random -> strategy(parts, random), chokingId,
                random -> choking.create(new ChokingContext() {
                    @Override
                    public Options options() {
                        return chokingOptions;
                    }

                    @Override
                    public RandomGenerator random() {
                        return random;
                    }
                }));
    }

    private static PieceStrategy strategy(String[] parts, RandomGenerator random) {
        PieceStrategy strategy = null;
        for (String part : parts) {
            String[] idAndOptions = part.split(":");
            PieceStrategyProvider provider = find(STRATEGIES, idAndOptions[0]);
            Map<String, String> typed = new HashMap<>();
            for (int i = 1; i < idAndOptions.length; i++) {
                String[] pair = idAndOptions[i].split("=", 2);
                typed.put(pair[0], pair[1]);
            }
            strategy = provider.create(PickerScenario.context(Options.of(provider.options(), typed), random,
                    Optional.ofNullable(strategy)));
        }
        return strategy;
    }

    private static <P extends PluginProvider> P find(List<P> providers, String id) {
        return providers.stream().filter(provider -> provider.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no built-in plugin " + id));
    }
}
