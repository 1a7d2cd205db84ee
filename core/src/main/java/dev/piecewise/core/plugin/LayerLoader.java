package dev.piecewise.core.plugin;

import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Makes one module layer per plugin jar over the layer the core is in. An explicit module resolves against the
 * modules of that layer and its parents; a plain jar becomes an automatic module (its {@code META-INF/services}
 * become its providers). Plugins cannot see each other: each may use the core, slf4j and the JDK modules of the
 * runtime, nothing else.
 */
final class LayerLoader {

    private final ModuleLayer parent;
    /** Every package of the modules plugins run over, and the module it is in. */
    private final Map<String, String> parentPackages;

    LayerLoader(ModuleLayer parent) {
        this.parent = parent;
        this.parentPackages = packagesOf(parent);
    }

    /**
     * Reads the module a jar holds.
     *
     * @param copy   the private copy to read
     * @param origin the jar's file name, for messages
     */
    ModuleReference find(Path copy, String origin) throws PluginRejected {
        Set<ModuleReference> found;
        try {
            found = ModuleFinder.of(copy).findAll();
        } catch (FindException e) {
            throw new PluginRejected("not a usable plugin jar: " + Failures.jdkMessage(e, copy, origin), e);
        }
        // one jar is one module, explicit or automatic
        return found.stream().findFirst().orElseThrow(() -> new PluginRejected("holds no module"));
    }

    /** Resolves a jar's module over the core's layer and defines it in a layer of its own with one class loader. */
    ModuleLayer define(ModuleReference module, Path copy, String origin) throws PluginRejected {
        ModuleDescriptor descriptor = module.descriptor();
        checkRequires(descriptor);
        checkPackages(descriptor);
        try {
            Configuration configuration = parent.configuration()
                    .resolve(ModuleFinder.of(copy), ModuleFinder.of(), Set.of(descriptor.name()));
            return parent.defineModulesWithOneLoader(configuration, LayerLoader.class.getClassLoader());
        } catch (FindException | ResolutionException | LayerInstantiationException | SecurityException e) {
            throw new PluginRejected("module " + descriptor.name() + " cannot be loaded: "
                    + Failures.jdkMessage(e, copy, origin), e);
        }
    }

    private void checkRequires(ModuleDescriptor descriptor) throws PluginRejected {
        for (ModuleDescriptor.Requires requires : descriptor.requires()) {
            boolean optional = requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC);
            if (!optional && parent.configuration().findModule(requires.name()).isEmpty()) {
                throw new PluginRejected("module " + descriptor.name() + " requires module " + requires.name()
                        + ", which is not there (plugins can use only dev.piecewise.core, org.slf4j and the"
                        + " runtime's JDK modules)");
            }
        }
    }

    private void checkPackages(ModuleDescriptor descriptor) throws PluginRejected {
        for (String pkg : descriptor.packages().stream().sorted().toList()) {
            String owner = parentPackages.get(pkg);
            if (owner != null) {
                throw new PluginRejected("module " + descriptor.name() + " contains package " + pkg
                        + ", which is already in module " + owner + " (a package cannot be split between modules)");
            }
        }
    }

    private static Map<String, String> packagesOf(ModuleLayer top) {
        Map<String, String> packages = new HashMap<>();
        Deque<ModuleLayer> pending = new ArrayDeque<>(Set.of(top));
        Set<ModuleLayer> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            ModuleLayer layer = pending.pop();
            if (seen.add(layer)) {
                for (ResolvedModule module : layer.configuration().modules()) {
                    for (String pkg : module.reference().descriptor().packages()) {
                        packages.putIfAbsent(pkg, module.name());
                    }
                }
                pending.addAll(layer.parents());
            }
        }
        return Map.copyOf(packages);
    }
}
