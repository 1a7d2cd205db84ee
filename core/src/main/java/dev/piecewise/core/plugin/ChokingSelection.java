package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.PluginKind;
import dev.piecewise.spi.Options;
import dev.piecewise.spi.choking.ChokingContext;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingPolicyProvider;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** A resolved choking policy with checked options. Immutable; it creates a fresh policy for every torrent. */
public final class ChokingSelection extends ResolvedSelection<ChokingSelection> {

    private ChokingSelection(Components components) {
        super(components);
    }

    /**
     * Resolves a policy id (or a unique prefix of one) and its options against the policies of a catalog.
     *
     * @throws PiecewiseException when the id is unknown or ambiguous, or an option is unknown or invalid
     */
    public static ChokingSelection resolve(PluginCatalog catalog, String id, Map<String, String> options) {
        if (id.contains("+")) {
            throw new PiecewiseException("a choking policy is one id, without '+': " + id.strip());
        }
        LoadedProvider provider = catalog.find(PluginKind.CHOKING, id.strip());
        return new ChokingSelection(Components.configure(provider.id(), List.of(provider), options));
    }

    /**
     * A new policy for one torrent.
     *
     * @param random the only randomness the policy gets
     * @throws PiecewiseException when the plugin fails to create it
     */
    public ChokingPolicy create(RandomGenerator random) {
        Components.Configured part = components.parts().getFirst();
        var context = new Context(part.options(), random);
        var provider = part.provider().as(ChokingPolicyProvider.class);
        return Components.instantiate(part.provider(), () -> provider.create(context));
    }

    @Override
    public ChokingSelection resolveIn(PluginCatalog catalog) {
        return resolve(catalog, spec(), components.typedOptions());
    }

    @Override
    ChokingSelection with(Components components) {
        return new ChokingSelection(components);
    }

    private record Context(Options options, RandomGenerator random) implements ChokingContext {
    }
}
