package dev.piecewise.core.plugin;

import dev.piecewise.api.PluginKind;
import dev.piecewise.api.PluginProblem;
import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.PluginProvider;
import dev.piecewise.spi.strategy.PieceStrategyProvider;
import dev.piecewise.spi.tracker.TrackerTransportProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Finds the providers of every kind that one jar's layer declares, and reads and checks what each says about itself.
 * A provider that fails or says something invalid is left out with a problem; the others in the jar still count.
 */
final class ProviderReader {

    private static final Logger log = LoggerFactory.getLogger(ProviderReader.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    /** The usable providers of a jar, in the order it declares them, and the problems of the others. */
    record Result(List<LoadedProvider> providers, List<PluginProblem> problems) {
    }

    private final ModuleLayer layer;
    private final String origin;
    private final List<LoadedProvider> providers = new ArrayList<>();
    private final List<PluginProblem> problems = new ArrayList<>();

    private ProviderReader(ModuleLayer layer, String origin) {
        this.layer = layer;
        this.origin = origin;
    }

    static Result read(ModuleLayer layer, String origin) {
        ProviderReader reader = new ProviderReader(layer, origin);
        for (PluginKind kind : PluginKind.values()) {
            reader.readKind(kind);
        }
        return new Result(List.copyOf(reader.providers), List.copyOf(reader.problems));
    }

    private void readKind(PluginKind kind) {
        Iterator<? extends ServiceLoader.Provider<? extends PluginProvider>> found =
                ServiceLoader.load(layer, Kinds.service(kind)).stream().iterator();
        while (true) {
            ServiceLoader.Provider<? extends PluginProvider> candidate;
            try {
                if (!found.hasNext()) {
                    return;
                }
                candidate = found.next();
            } catch (ServiceConfigurationError e) {
                // the loader cannot go on after this: the rest of this kind in this jar is lost
                problem("cannot list its " + Kinds.plural(kind) + ": " + Failures.thrown(e), e);
                return;
            }
            if (candidate.type().getModule().getLayer() == layer) { // the loader also walks the parent layers
                readProvider(kind, candidate);
            }
        }
    }

    private void readProvider(PluginKind kind, ServiceLoader.Provider<? extends PluginProvider> candidate) {
        String name = Kinds.noun(kind) + " provider " + candidate.type().getName();
        try {
            PluginProvider provider = call(name + " could not be created", candidate::get);
            String id = call(name + " failed in id()", provider::id);
            if (!ID.matcher(id).matches()) {
                throw new PluginRejected(name + " has an invalid id '" + Failures.oneLine(id)
                        + "': use lowercase letters and digits in words joined by hyphens, like rarest-first");
            }
            String description = Failures.oneLine(call(name + " failed in description()", provider::description));
            if (description.isEmpty()) {
                throw new PluginRejected(name + " ('" + id + "') has an empty description");
            }
            String version = Failures.oneLine(call(name + " failed in version()", provider::version));
            List<OptionSpec> options = options(name, provider);
            boolean modifier = provider instanceof PieceStrategyProvider strategy
                    && call(name + " failed in modifier()", strategy::modifier);
            Set<String> schemes = provider instanceof TrackerTransportProvider transport
                    ? schemes(name, transport) : Set.of();
            providers.add(new LoadedProvider(kind, provider, id, description,
                    version.isEmpty() ? "unversioned" : version, origin, modifier, schemes, options));
        } catch (PluginRejected e) {
            problem(e.getMessage(), e.getCause());
        }
    }

    private static List<OptionSpec> options(String name, PluginProvider provider) throws PluginRejected {
        List<OptionSpec> options = call(name + " failed in options()", () -> List.copyOf(provider.options()));
        Set<String> keys = new HashSet<>();
        for (OptionSpec option : options) {
            if (!keys.add(option.key())) {
                throw new PluginRejected(name + " declares option '" + option.key() + "' twice");
            }
        }
        return options;
    }

    private static Set<String> schemes(String name, TrackerTransportProvider transport) throws PluginRejected {
        Set<String> schemes = call(name + " failed in schemes()", () -> Set.copyOf(transport.schemes()));
        if (schemes.isEmpty()) {
            throw new PluginRejected(name + " serves no URL scheme");
        }
        for (String scheme : schemes) {
            if (!SCHEME.matcher(scheme).matches()) {
                throw new PluginRejected(name + " has an invalid URL scheme '" + Failures.oneLine(scheme)
                        + "': schemes are lowercase, like http or udp");
            }
        }
        return schemes;
    }

    /**
     * Calls plugin code, turning whatever it throws, or a null, into a rejection.
     *
     * @param failure how the message starts if the call fails: {@code strategy provider a.B failed in id()}
     */
    private static <T> T call(String failure, Supplier<T> call) throws PluginRejected {
        T value;
        try {
            value = call.get();
        } catch (RuntimeException | ServiceConfigurationError | LinkageError | AssertionError e) {
            throw new PluginRejected(failure + ": " + Failures.thrown(e), e);
        }
        if (value == null) {
            throw new PluginRejected(failure + ": it returned null");
        }
        return value;
    }

    private void problem(String message, Throwable cause) {
        problems.add(new PluginProblem(origin, message));
        if (cause != null) {
            log.info("{}: {}", origin, message, cause);
        }
    }
}
