package dev.piecewise.core.plugin;

import dev.piecewise.api.PluginInfo;
import dev.piecewise.api.PluginKind;
import dev.piecewise.api.PluginProblem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one scan of the plugins folder found: the usable providers of each kind and the problems. Immutable; a reload
 * makes a new one. Where two providers of a kind share an id, or two transports a URL scheme, the one from the jar
 * first in file-name order wins (within a jar, the one declared first).
 */
public final class PluginCatalog {

    static final PluginCatalog EMPTY = of(List.of(), List.of());

    private final Map<PluginKind, SortedMap<String, LoadedProvider>> byKind;
    private final Map<String, LoadedProvider> byScheme;
    private final List<PluginProblem> problems;

    private PluginCatalog(Map<PluginKind, SortedMap<String, LoadedProvider>> byKind,
                          Map<String, LoadedProvider> byScheme, List<PluginProblem> problems) {
        this.byKind = byKind;
        this.byScheme = byScheme;
        this.problems = problems;
    }

    /**
     * @param jars         the loaded jars in file-name order
     * @param loadProblems the jars that could not be loaded
     */
    static PluginCatalog of(Collection<LoadedJar> jars, List<PluginProblem> loadProblems) {
        Map<PluginKind, SortedMap<String, LoadedProvider>> byKind = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            byKind.put(kind, new TreeMap<>());
        }
        Map<String, LoadedProvider> byScheme = new HashMap<>();
        List<PluginProblem> problems = new ArrayList<>(loadProblems);
        for (LoadedJar jar : jars) {
            problems.addAll(jar.problems());
            for (LoadedProvider provider : jar.providers()) {
                conflict(provider, byKind.get(provider.kind()), byScheme)
                        .ifPresentOrElse(problem -> problems.add(new PluginProblem(jar.origin(), problem)),
                                () -> register(provider, byKind.get(provider.kind()), byScheme));
            }
        }
        byKind.replaceAll((kind, providers) -> Collections.unmodifiableSortedMap(providers));
        problems.sort(Comparator.comparing(PluginProblem::origin)); // stable: a jar's problems stay in order
        return new PluginCatalog(Collections.unmodifiableMap(byKind), Map.copyOf(byScheme), List.copyOf(problems));
    }

    private static Optional<String> conflict(LoadedProvider provider, Map<String, LoadedProvider> sameKind,
                                             Map<String, LoadedProvider> byScheme) {
        LoadedProvider winner = sameKind.get(provider.id());
        if (winner != null) {
            return Optional.of(Kinds.noun(provider.kind()) + " '" + provider.id() + "' is also provided by "
                    + winner.origin() + ", which wins; this one is ignored");
        }
        for (String scheme : provider.schemes().stream().sorted().toList()) {
            LoadedProvider server = byScheme.get(scheme);
            if (server != null) {
                return Optional.of("tracker transport '" + provider.id() + "' serves URL scheme '" + scheme
                        + "', which " + server.label() + " already serves; this one is ignored");
            }
        }
        return Optional.empty();
    }

    private static void register(LoadedProvider provider, Map<String, LoadedProvider> sameKind,
                                 Map<String, LoadedProvider> byScheme) {
        sameKind.put(provider.id(), provider);
        provider.schemes().forEach(scheme -> byScheme.put(scheme, provider));
    }

    /** Every usable provider, by kind, then id. */
    public List<PluginInfo> list() {
        return byKind.values().stream().flatMap(providers -> providers.values().stream())
                .map(LoadedProvider::info).toList();
    }

    /** The usable providers of one kind, by id. */
    public List<PluginInfo> list(PluginKind kind) {
        return providers(kind).stream().map(LoadedProvider::info).toList();
    }

    /** The usable providers of one kind, by id. */
    public List<LoadedProvider> providers(PluginKind kind) {
        return List.copyOf(byKind.get(kind).values());
    }

    /**
     * The provider of a kind with this id, or the only one whose id starts with it.
     *
     * @throws dev.piecewise.api.PiecewiseException naming what is available, or the ambiguous candidates
     */
    public LoadedProvider find(PluginKind kind, String idOrPrefix) {
        return IdMatcher.match(Kinds.noun(kind), idOrPrefix, byKind.get(kind));
    }

    /** The tracker transport that serves a URL scheme (case does not matter). */
    public Optional<LoadedProvider> transportFor(String scheme) {
        return Optional.ofNullable(byScheme.get(scheme.toLowerCase(Locale.ROOT)));
    }

    /** What could not be used, by jar file name. */
    public List<PluginProblem> problems() {
        return problems;
    }
}
