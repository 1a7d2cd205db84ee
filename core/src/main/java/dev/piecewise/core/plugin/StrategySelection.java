package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.PluginKind;
import dev.piecewise.spi.Options;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceStrategyProvider;
import dev.piecewise.spi.strategy.StrategyContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * A resolved strategy spec: a base strategy followed by the modifiers that wrap it, each with checked options.
 * Immutable; it creates a fresh composed strategy for every torrent.
 *
 * <p>A spec is one token: ids or unique prefixes of ids joined with {@code +}, the base first
 * ({@code rarest-first+end-game}, {@code rarest+end}).
 */
public final class StrategySelection extends ResolvedSelection<StrategySelection> {

    private StrategySelection(Components components) {
        super(components);
    }

    /**
     * Resolves a spec and its options against the strategies of a catalog.
     *
     * @throws PiecewiseException when a part is unknown or ambiguous, the first part is a modifier, a later part is
     *                            not one, a part repeats, or an option is unknown, ambiguous or invalid
     */
    public static StrategySelection resolve(PluginCatalog catalog, String spec, Map<String, String> options) {
        String[] parts = spec.strip().split("\\+", -1);
        List<LoadedProvider> chosen = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty()) {
                throw new PiecewiseException("strategy spec '" + spec.strip() + "' has an empty part;"
                        + " write a base strategy and optional modifiers joined with '+', like rarest-first+end-game");
            }
            LoadedProvider provider = catalog.find(PluginKind.STRATEGY, part);
            if (i == 0 && provider.modifier()) {
                throw new PiecewiseException("'" + provider.id() + "' is a modifier: a strategy spec starts with a"
                        + " base strategy (" + ids(catalog, false) + ")");
            }
            if (i > 0 && !provider.modifier()) {
                throw new PiecewiseException("'" + provider.id() + "' is not a modifier: only modifiers can follow"
                        + " '+' (" + ids(catalog, true) + ")");
            }
            if (chosen.contains(provider)) {
                throw new PiecewiseException("'" + provider.id() + "' appears twice in strategy spec '"
                        + spec.strip() + "'");
            }
            chosen.add(provider);
        }
        String resolved = chosen.stream().map(LoadedProvider::id).collect(Collectors.joining("+"));
        return new StrategySelection(Components.configure(resolved, chosen, options));
    }

    private static String ids(PluginCatalog catalog, boolean modifiers) {
        String ids = catalog.providers(PluginKind.STRATEGY).stream()
                .filter(provider -> provider.modifier() == modifiers)
                .map(LoadedProvider::id).collect(Collectors.joining(", "));
        return ids.isEmpty() ? "none is installed" : ids;
    }

    /**
     * A new strategy for one torrent: the base created first, each modifier wrapping the one before.
     *
     * @param random the only randomness the strategy gets
     * @throws PiecewiseException when a plugin fails to create its part
     */
    public PieceStrategy create(RandomGenerator random) {
        PieceStrategy strategy = null;
        for (Components.Configured part : components.parts()) {
            var context = new Context(part.options(), random, Optional.ofNullable(strategy));
            var provider = part.provider().as(PieceStrategyProvider.class);
            strategy = Components.instantiate(part.provider(), () -> provider.create(context));
        }
        return strategy;
    }

    @Override
    public StrategySelection resolveIn(PluginCatalog catalog) {
        return resolve(catalog, spec(), components.typedOptions());
    }

    @Override
    StrategySelection with(Components components) {
        return new StrategySelection(components);
    }

    private record Context(Options options, RandomGenerator random, Optional<PieceStrategy> base)
            implements StrategyContext {
    }
}
