package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.Selection;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What strategy and choking selections share: resolved, immutable parts with checked options, shown through the
 * API's {@link Selection}, and able to take more options or to be resolved again after a reload.
 *
 * @param <S> the kind of selection
 */
public abstract sealed class ResolvedSelection<S extends ResolvedSelection<S>>
        permits StrategySelection, ChokingSelection {

    final Components components;

    ResolvedSelection(Components components) {
        this.components = components;
    }

    /** The full ids, joined with {@code +} for a strategy: {@code rarest-first+end-game}. */
    public final String spec() {
        return components.spec();
    }

    /** The jars its parts come from, for messages: {@code a.jar} or {@code a.jar, b.jar}. */
    public final String origins() {
        return components.parts().stream().map(part -> part.provider().origin()).distinct()
                .collect(Collectors.joining(", "));
    }

    /** How messages name it: {@code 'rarest-first+end-game' (a.jar, b.jar)}. */
    public final String label() {
        return "'" + spec() + "' (" + origins() + ")";
    }

    /** The spec and every option in effect, for display. */
    public final Selection selection() {
        return components.selection();
    }

    /**
     * The same choice with more options, which win over those already set.
     *
     * @throws PiecewiseException for an unknown, ambiguous or invalid option
     */
    public final S withOptions(Map<String, String> options) {
        return with(components.withOptions(options));
    }

    /**
     * The same choice, with the same options, resolved against another catalog (after a reload).
     *
     * @throws PiecewiseException when a part of it is no longer there
     */
    public abstract S resolveIn(PluginCatalog catalog);

    abstract S with(Components components);

    @Override
    public final String toString() {
        return selection().toString();
    }
}
