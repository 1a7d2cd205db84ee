package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.PluginKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The strategy and the choking policy that torrents get when they name none.
 *
 * <p>Until a user picks one, the built-in defaults are {@code rarest-first+end-game} and {@value #CHOKING} when those
 * plugins are installed: without {@value #STRATEGY} the first base strategy by id takes its place, and without
 * {@value #STRATEGY_MODIFIER} the base runs alone; without {@value #CHOKING}, the first policy by id. After a reload the choice is
 * resolved again against the new plugins, so new torrents get new versions; a user's choice whose plugin is gone
 * falls back to the built-in default with a warning.
 */
public final class DefaultSelections {

    static final String STRATEGY = "rarest-first";
    static final String STRATEGY_MODIFIER = "end-game";
    static final String CHOKING = "tit-for-tat";

    private static final Logger log = LoggerFactory.getLogger(DefaultSelections.class);

    private final PluginRegistry registry;
    private final ReentrantLock changing = new ReentrantLock();
    private volatile Choice<StrategySelection> strategy;
    private volatile Choice<ChokingSelection> choking;

    /** A current default, and whether a user picked it (a built-in default is recomputed at every reload). */
    private record Choice<S>(Optional<S> selection, boolean picked) {
    }

    public DefaultSelections(PluginRegistry registry) {
        this.registry = registry;
        PluginCatalog catalog = registry.catalog();
        this.strategy = new Choice<>(builtInStrategy(catalog), false);
        this.choking = new Choice<>(builtInChoking(catalog), false);
        registry.onReload(this::refresh);
    }

    /**
     * The strategy new torrents get.
     *
     * @throws PiecewiseException when no strategy plugin is installed
     */
    public StrategySelection strategy() {
        return strategy.selection().orElseThrow(() -> none(PluginKind.STRATEGY));
    }

    /** Makes {@code spec} the default strategy; see {@link StrategySelection#resolve}. */
    public StrategySelection setStrategy(String spec, Map<String, String> options) {
        changing.lock();
        try {
            StrategySelection chosen = StrategySelection.resolve(registry.catalog(), spec, options);
            strategy = new Choice<>(Optional.of(chosen), true);
            return chosen;
        } finally {
            changing.unlock();
        }
    }

    /**
     * The strategy for a new torrent: {@code spec} with {@code options} if a spec is given, else the default with
     * {@code options} added to its own.
     *
     * @throws PiecewiseException for an invalid spec or option, or when no strategy plugin is installed
     */
    public StrategySelection strategyFor(Optional<String> spec, Map<String, String> options) {
        return spec.map(given -> StrategySelection.resolve(registry.catalog(), given, options))
                .orElseGet(() -> strategy().withOptions(options));
    }

    /**
     * The choking policy new torrents get.
     *
     * @throws PiecewiseException when no choking plugin is installed
     */
    public ChokingSelection choking() {
        return choking.selection().orElseThrow(() -> none(PluginKind.CHOKING));
    }

    /** Makes {@code id} the default choking policy; see {@link ChokingSelection#resolve}. */
    public ChokingSelection setChoking(String id, Map<String, String> options) {
        changing.lock();
        try {
            ChokingSelection chosen = ChokingSelection.resolve(registry.catalog(), id, options);
            choking = new Choice<>(Optional.of(chosen), true);
            return chosen;
        } finally {
            changing.unlock();
        }
    }

    /**
     * The choking policy for a new torrent: {@code id} with {@code options} if an id is given, else the default with
     * {@code options} added to its own.
     *
     * @throws PiecewiseException for an invalid id or option, or when no choking plugin is installed
     */
    public ChokingSelection chokingFor(Optional<String> id, Map<String, String> options) {
        return id.map(given -> ChokingSelection.resolve(registry.catalog(), given, options))
                .orElseGet(() -> choking().withOptions(options));
    }

    private void refresh(PluginCatalog catalog) {
        changing.lock();
        try {
            Choice<StrategySelection> oldStrategy = strategy;
            strategy = oldStrategy.picked() ? keep(oldStrategy, s -> s.resolveIn(catalog), builtInStrategy(catalog))
                    : new Choice<>(builtInStrategy(catalog), false);
            Choice<ChokingSelection> oldChoking = choking;
            choking = oldChoking.picked() ? keep(oldChoking, c -> c.resolveIn(catalog), builtInChoking(catalog))
                    : new Choice<>(builtInChoking(catalog), false);
        } finally {
            changing.unlock();
        }
    }

    private static <S> Choice<S> keep(Choice<S> picked, java.util.function.UnaryOperator<S> resolveAgain,
                                      Optional<S> builtIn) {
        S selection = picked.selection().orElseThrow();
        try {
            return new Choice<>(Optional.of(resolveAgain.apply(selection)), true);
        } catch (PiecewiseException e) {
            log.warn("the default {} is no longer available after the reload ({}); new torrents get {}",
                    selection, e.getMessage(), builtIn.map(Object::toString).orElse("nothing"));
            return new Choice<>(builtIn, false);
        }
    }

    private static Optional<StrategySelection> builtInStrategy(PluginCatalog catalog) {
        var bases = catalog.providers(PluginKind.STRATEGY).stream().filter(provider -> !provider.modifier())
                .map(LoadedProvider::id).toList();
        var modifiers = catalog.providers(PluginKind.STRATEGY).stream().filter(LoadedProvider::modifier)
                .map(LoadedProvider::id).toList();
        // exact ids only: a prefix match is not enough for a built-in default
        Optional<String> base = bases.contains(STRATEGY) ? Optional.of(STRATEGY) : bases.stream().findFirst();
        String modifier = modifiers.contains(STRATEGY_MODIFIER) ? "+" + STRATEGY_MODIFIER : "";
        return base.map(id -> StrategySelection.resolve(catalog, id + modifier, Map.of()));
    }

    private static Optional<ChokingSelection> builtInChoking(PluginCatalog catalog) {
        var policies = catalog.providers(PluginKind.CHOKING).stream().map(LoadedProvider::id).toList();
        Optional<String> policy = policies.contains(CHOKING) ? Optional.of(CHOKING) : policies.stream().findFirst();
        return policy.map(id -> ChokingSelection.resolve(catalog, id, Map.of()));
    }

    private PiecewiseException none(PluginKind kind) {
        return new PiecewiseException("no " + Kinds.noun(kind) + " is installed: put a jar that provides one in "
                + registry.folder());
    }
}
