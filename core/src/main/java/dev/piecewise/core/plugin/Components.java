package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.Selection;
import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The providers a selection is made of, in order, each with its checked options.
 *
 * <p>Options are typed as {@code key=value}. A key belongs to the one component that declares it; a key that
 * several components declare must be qualified with the component's id (or a unique prefix of it):
 * {@code end-game.max=3}.
 */
final class Components {

    private static final Logger log = LoggerFactory.getLogger(Components.class);

    /** One provider with the options an instance of it gets. */
    record Configured(LoadedProvider provider, Options options) {
    }

    private final List<Configured> parts;
    private final Map<String, String> typedOptions;

    private Components(List<Configured> parts, Map<String, String> typedOptions) {
        this.parts = parts;
        this.typedOptions = typedOptions;
    }

    /**
     * Assigns each typed option to its component and checks it.
     *
     * @param what  the selection, for messages ("rarest-first+end-game")
     * @param typed options as the user typed them
     * @throws PiecewiseException for an unknown, ambiguous, repeated or invalid option
     */
    static Components configure(String what, List<LoadedProvider> providers, Map<String, String> typed) {
        Map<LoadedProvider, Map<String, String>> assigned = new LinkedHashMap<>();
        providers.forEach(provider -> assigned.put(provider, new LinkedHashMap<>()));
        Map<String, String> qualified = new TreeMap<>();
        for (var option : new TreeMap<>(typed).entrySet()) {
            String key = option.getKey().strip();
            int dot = key.lastIndexOf('.');
            LoadedProvider owner = dot < 0 ? declarer(what, key, providers)
                    : component(what, key.substring(0, dot), providers);
            String bare = key.substring(dot + 1);
            if (assigned.get(owner).put(bare, option.getValue()) != null) {
                throw new PiecewiseException("option '" + owner.id() + "." + bare + "' is set twice");
            }
            qualified.put(owner.id() + "." + bare, option.getValue());
        }
        List<Configured> parts = new ArrayList<>();
        for (var entry : assigned.entrySet()) {
            LoadedProvider provider = entry.getKey();
            try {
                parts.add(new Configured(provider, Options.of(provider.options(), entry.getValue())));
            } catch (IllegalArgumentException e) {
                throw new PiecewiseException(provider.id() + ": " + e.getMessage());
            }
        }
        return new Components(List.copyOf(parts), Map.copyOf(qualified));
    }

    private static LoadedProvider declarer(String what, String key, List<LoadedProvider> providers) {
        List<LoadedProvider> declaring = providers.stream()
                .filter(provider -> provider.options().stream().anyMatch(option -> option.key().equals(key)))
                .toList();
        if (declaring.size() == 1) {
            return declaring.getFirst();
        }
        if (declaring.isEmpty()) {
            String known = providers.stream().flatMap(provider -> provider.options().stream())
                    .map(OptionSpec::key).distinct().sorted().collect(Collectors.joining(", "));
            throw new PiecewiseException("unknown option '" + key + "' for " + what
                    + (known.isEmpty() ? ", which takes no options" : "; known: " + known));
        }
        throw new PiecewiseException("option '" + key + "' is declared by " + declaring.stream()
                .map(LoadedProvider::id).collect(Collectors.joining(" and ")) + ": write "
                + declaring.stream().map(p -> p.id() + "." + key + "=...").collect(Collectors.joining(" or ")));
    }

    private static LoadedProvider component(String what, String typedId, List<LoadedProvider> providers) {
        var byId = new TreeMap<String, LoadedProvider>();
        providers.forEach(provider -> byId.put(provider.id(), provider));
        try {
            return IdMatcher.match("component", typedId, byId);
        } catch (PiecewiseException e) {
            throw new PiecewiseException("option prefix '" + typedId + "' does not name a part of " + what + ": "
                    + e.getMessage());
        }
    }

    /**
     * The same parts with more options: {@code typed} is checked as for {@link #configure} and wins over the options
     * already set.
     */
    Components withOptions(Map<String, String> typed) {
        List<LoadedProvider> providers = parts.stream().map(Configured::provider).toList();
        Map<String, String> merged = new TreeMap<>(typedOptions);
        merged.putAll(configure(spec(), providers, typed).typedOptions());
        return configure(spec(), providers, merged);
    }

    List<Configured> parts() {
        return parts;
    }

    /** The options the user set, keys qualified with their component's id, to resolve the same choice again. */
    Map<String, String> typedOptions() {
        return typedOptions;
    }

    /** The ids of the parts joined with {@code +}: {@code rarest-first+end-game}. */
    String spec() {
        return parts.stream().map(part -> part.provider().id()).collect(Collectors.joining("+"));
    }

    /** What the API shows: the spec and every option in effect as key=value. */
    Selection selection() {
        List<String> shown = new ArrayList<>();
        for (Configured part : parts) {
            for (OptionSpec option : part.provider().options()) {
                boolean shared = parts.stream().filter(other -> other != part)
                        .anyMatch(other -> other.provider().options().stream()
                                .anyMatch(o -> o.key().equals(option.key())));
                shown.add((shared ? part.provider().id() + "." : "") + option.key() + "="
                        + OptionSpec.format(value(part.options(), option)));
            }
        }
        return new Selection(spec(), String.join(" ", shown));
    }

    private static Object value(Options options, OptionSpec option) {
        return switch (option.type()) {
            case INTEGER -> options.integer(option.key());
            case DECIMAL -> options.decimal(option.key());
            case FLAG -> options.flag(option.key());
            case DURATION -> options.duration(option.key());
            case TEXT -> options.text(option.key());
        };
    }

    /**
     * Calls a provider's {@code create}, turning a failure or a null into a message for the user naming the plugin
     * (the exception goes to the log).
     */
    static <T> T instantiate(LoadedProvider provider, Supplier<T> create) {
        T instance;
        try {
            instance = create.get();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            log.info("{} failed to create an instance", provider.label(), e);
            throw new PiecewiseException(provider.label() + " failed to create an instance: "
                    + Failures.thrown(e), e);
        }
        if (instance == null) {
            throw new PiecewiseException(provider.label() + " created nothing (its create returned null)");
        }
        return instance;
    }
}
