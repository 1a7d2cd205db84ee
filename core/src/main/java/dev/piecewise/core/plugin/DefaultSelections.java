package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.PluginKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The strategy and the choking policy that torrents get when they name none.
 *
 * <p>Until a user picks one, the built-in defaults are {@code rarest-first+end-game} and {@value #CHOKING} when those
 * plugins are installed: without {@value #STRATEGY} the first base strategy by id takes its place, and without
 * {@value #STRATEGY_MODIFIER} the base runs alone; without {@value #CHOKING}, the first policy by id. After a reload
 * the choice is resolved again against the new plugins, so new torrents get new versions; a user's choice whose plugin
 * is gone falls back to the built-in default with a warning.
 *
 * <p>A user's picks are kept in a properties file and restored at the next start, so {@code strategy rarest} once is
 * enough; a saved pick that no longer resolves (its plugin was removed) is dropped with a warning.
 */
public final class DefaultSelections {

    static final String STRATEGY = "rarest-first";
    static final String STRATEGY_MODIFIER = "end-game";
    static final String CHOKING = "tit-for-tat";

    private static final Logger log = LoggerFactory.getLogger(DefaultSelections.class);

    private final PluginRegistry registry;
    private final Path picksFile;
    private final ReentrantLock changing = new ReentrantLock();
    private final Slot<StrategySelection> strategy;
    private final Slot<ChokingSelection> choking;

    /**
     * @param picksFile where the user's picks are saved; read now if it exists
     */
    public DefaultSelections(PluginRegistry registry, Path picksFile) {
        this.registry = registry;
        this.picksFile = picksFile;
        this.strategy = new Slot<>(PluginKind.STRATEGY, "strategy", DefaultSelections::builtInStrategy,
                (spec, options) -> StrategySelection.resolve(registry.catalog(), spec, options));
        this.choking = new Slot<>(PluginKind.CHOKING, "choking", DefaultSelections::builtInChoking,
                (id, options) -> ChokingSelection.resolve(registry.catalog(), id, options));
        restorePicks();
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
        return strategy.pick(spec, options);
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
        return choking.pick(id, options);
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
        private final String key;
        private final Function<PluginCatalog, Optional<S>> builtIn;
        private final BiFunction<String, Map<String, String>, S> resolve;
        private volatile Optional<S> current;
        /** Whether a user picked it: a built-in default is worked out again at every reload. */
        private volatile boolean picked;
        /** What the user typed, with the full ids, for the picks file. */
        private volatile Map<String, String> pickedOptions = Map.of();

        Slot(PluginKind kind, String key, Function<PluginCatalog, Optional<S>> builtIn,
             BiFunction<String, Map<String, String>, S> resolve) {
            this.kind = kind;
            this.key = key;
            this.builtIn = builtIn;
            this.resolve = resolve;
            this.current = builtIn.apply(registry.catalog());
        }

        S get() {
            return current.orElseThrow(() -> new PiecewiseException("no " + Kinds.noun(kind)
                    + " is installed: put a jar that provides one in " + registry.folder()));
        }

        S pick(String spec, Map<String, String> options) {
            changing.lock();
            try {
                S chosen = resolve.apply(spec, options);
                current = Optional.of(chosen);
                picked = true;
                pickedOptions = Map.copyOf(options);
                savePicks();
                return chosen;
            } finally {
                changing.unlock();
            }
        }

        void restore(Properties saved) {
            String spec = saved.getProperty(key);
            if (spec == null) {
                return;
            }
            var options = new TreeMap<String, String>();
            String prefix = key + ".option.";
            saved.stringPropertyNames().stream().filter(name -> name.startsWith(prefix))
                    .forEach(name -> options.put(name.substring(prefix.length()), saved.getProperty(name)));
            try {
                current = Optional.of(resolve.apply(spec, options));
                picked = true;
                pickedOptions = Map.copyOf(options);
            } catch (PiecewiseException e) {
                log.warn("the saved default {} {} is not available ({}); new torrents get {}", Kinds.noun(kind), spec,
                        e.getMessage(), current.map(Object::toString).orElse("none"));
            }
        }

        void save(Properties into) {
            if (picked) {
                into.setProperty(key, current.orElseThrow().spec());
                pickedOptions.forEach((option, value) -> into.setProperty(key + ".option." + option, value));
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

    private void restorePicks() {
        if (!Files.isRegularFile(picksFile)) {
            return;
        }
        var saved = new Properties();
        try {
            saved.load(new StringReader(Files.readString(picksFile, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("cannot read the saved default strategy and choking policy in {}: {}", picksFile, e.toString());
            return;
        }
        strategy.restore(saved);
        choking.restore(saved);
    }

    /** Called under {@link #changing}; a failure costs only the persistence of this pick, so it is a warning. */
    private void savePicks() {
        var picks = new Properties();
        strategy.save(picks);
        choking.save(picks);
        try {
            var text = new StringWriter();
            picks.store(text, "Piecewise: the default strategy and choking policy a user picked");
            Path temp = picksFile.resolveSibling(picksFile.getFileName() + ".tmp");
            Files.writeString(temp, text.toString(), StandardCharsets.UTF_8);
            Files.move(temp, picksFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot save the default strategy and choking policy to {}: {}", picksFile, e.toString());
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
