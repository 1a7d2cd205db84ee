package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.PluginKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The strategy and the choking policy that torrents get when they name none.
 *
 * <p>Until a user picks one, the built-in defaults are {@code rarest-first+end-game} and {@value #CHOKING} when those
 * plugins are installed: without {@value #STRATEGY} the first base strategy by id takes its place, and without
 * {@value #STRATEGY_MODIFIER} the base runs alone; without {@value #CHOKING}, the first policy by id. After a reload
 * the choice is resolved again against the new plugins, so new torrents get new versions; a user's choice whose plugin
 * is gone falls back to the built-in default with a warning.
 */
public final class DefaultSelections {

    static final String STRATEGY = "rarest-first";
    static final String STRATEGY_MODIFIER = "end-game";
    static final String CHOKING = "tit-for-tat";

    private static final Logger log = LoggerFactory.getLogger(DefaultSelections.class);

    private final PluginRegistry registry;
    private final ReentrantLock changing = new ReentrantLock();
    private final Slot<StrategySelection> strategy;
    private final Slot<ChokingSelection> choking;

    public DefaultSelections(PluginRegistry registry) {
        this.registry = registry;
        this.strategy = new Slot<>(PluginKind.STRATEGY, DefaultSelections::builtInStrategy);
        this.choking = new Slot<>(PluginKind.CHOKING, DefaultSelections::builtInChoking);
        registry.onReload(catalog -> {
            strategy.refresh(catalog);
            choking.refresh(catalog);
        });
    }

    /**
     * The strategy new torrents get.
     *
     * @throws PiecewiseException when no strategy plugin is installed
     */
    public StrategySelection strategy() {
        return strategy.get();
    }

    /** Makes {@code spec} the default strategy; see {@link StrategySelection#resolve}. */
    public StrategySelection setStrategy(String spec, Map<String, String> options) {
        return strategy.pick(() -> StrategySelection.resolve(registry.catalog(), spec, options));
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
        return choking.get();
    }

    /** Makes {@code id} the default choking policy; see {@link ChokingSelection#resolve}. */
    public ChokingSelection setChoking(String id, Map<String, String> options) {
        return choking.pick(() -> ChokingSelection.resolve(registry.catalog(), id, options));
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

    /** The default of one kind: what it is now, and whether a user picked it. */
    private final class Slot<S extends ResolvedSelection<S>> {

        private final PluginKind kind;
        private final Function<PluginCatalog, Optional<S>> builtIn;
        private volatile Optional<S> current;
        /** Whether a user picked it: a built-in default is worked out again at every reload. */
        private volatile boolean picked;

        Slot(PluginKind kind, Function<PluginCatalog, Optional<S>> builtIn) {
            this.kind = kind;
            this.builtIn = builtIn;
            this.current = builtIn.apply(registry.catalog());
        }

        S get() {
            return current.orElseThrow(() -> new PiecewiseException("no " + Kinds.noun(kind)
                    + " is installed: put a jar that provides one in " + registry.folder()));
        }

        S pick(Supplier<S> resolve) {
            changing.lock();
            try {
                S chosen = resolve.get();
                current = Optional.of(chosen);
                picked = true;
                return chosen;
            } finally {
                changing.unlock();
            }
        }

        void refresh(PluginCatalog catalog) {
            changing.lock();
            try {
                Optional<S> fallback = builtIn.apply(catalog);
                if (picked) {
                    S old = current.orElseThrow();
                    try {
                        current = Optional.of(old.resolveIn(catalog));
                        return;
                    } catch (PiecewiseException e) {
                        log.warn("the default {} {} is no longer available after the reload ({}); new torrents get {}",
                                Kinds.noun(kind), old, e.getMessage(), fallback.map(Object::toString).orElse("none"));
                    }
                }
                current = fallback;
                picked = false;
            } finally {
                changing.unlock();
            }
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
}
