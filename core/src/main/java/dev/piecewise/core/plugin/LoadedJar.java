package dev.piecewise.core.plugin;

import dev.piecewise.api.PluginProblem;

import java.nio.file.Path;
import java.util.List;

/**
 * One plugin jar as loaded: its layer and what it provides. A jar whose fingerprint is unchanged at the next scan is
 * kept as it is.
 *
 * @param origin      the jar's file name in the plugins folder
 * @param fingerprint what was loaded
 * @param copy        the private copy the layer reads
 * @param layer       the jar's own module layer
 * @param moduleName  the name of its module
 * @param providers   its usable providers, in the order it declares them
 * @param problems    what was wrong with its other providers
 */
record LoadedJar(String origin, JarFingerprint fingerprint, Path copy, ModuleLayer layer, String moduleName,
                 List<LoadedProvider> providers, List<PluginProblem> problems) {

    LoadedJar {
        providers = List.copyOf(providers);
        problems = List.copyOf(problems);
    }
}
