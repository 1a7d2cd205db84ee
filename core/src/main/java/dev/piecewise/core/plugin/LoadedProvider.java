package dev.piecewise.core.plugin;

import dev.piecewise.api.PluginInfo;
import dev.piecewise.api.PluginKind;
import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.PluginProvider;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A provider found in a plugin jar, with what it said about itself read once and checked, so that the core never
 * calls those methods of plugin code again.
 *
 * @param kind        the SPI it implements
 * @param provider    the provider itself
 * @param id          its checked id
 * @param description its description, on one line
 * @param version     its version
 * @param origin      the file name of the jar it came from
 * @param modifier    for a strategy, whether it wraps a base strategy
 * @param schemes     for a tracker transport, the URL schemes it serves; empty otherwise
 * @param options     the options it accepts, keys unique
 */
public record LoadedProvider(PluginKind kind, PluginProvider provider, String id, String description, String version,
                             String origin, boolean modifier, Set<String> schemes, List<OptionSpec> options) {

    public LoadedProvider {
        schemes = Set.copyOf(schemes);
        options = List.copyOf(options);
    }

    /** The provider as its service type. */
    public <P extends PluginProvider> P as(Class<P> service) {
        return service.cast(provider);
    }

    /** How messages name it: {@code strategy 'rarest-first' (rarest-first.jar)}. */
    public String label() {
        return Kinds.noun(kind) + " '" + id + "' (" + origin + ")";
    }

    // equals and hashCode are written out: the generated ones bootstrap method handles at their first call, which
    // spun 14 classes at run time (the AOT cache cannot hold them) on the path of every first torrent's start

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof LoadedProvider that && kind == that.kind
                && provider.equals(that.provider) && id.equals(that.id) && description.equals(that.description)
                && version.equals(that.version) && origin.equals(that.origin) && modifier == that.modifier
                && schemes.equals(that.schemes) && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, provider, id, origin);
    }

    /** What the API shows of it. */
    public PluginInfo info() {
        String detail = modifier ? "modifier" : String.join(", ", new TreeSet<>(schemes));
        return new PluginInfo(kind, id, description, version, origin, detail, options);
    }
}
