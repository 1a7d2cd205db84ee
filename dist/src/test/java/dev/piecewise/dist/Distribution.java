package dev.piecewise.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The assembled distribution the whole-product tests look at: {@code target/piecewise} (the runtime and the plugins
 * folder) and {@code target/modules} (the jars the runtime was linked from). Failsafe passes their places as system
 * properties.
 */
final class Distribution {

    /** The packages the core exports: the API and the SPIs, and nothing else. */
    static final Set<String> CORE_EXPORTS = Set.of("dev.piecewise.api", "dev.piecewise.api.bencode",
            "dev.piecewise.spi", "dev.piecewise.spi.strategy", "dev.piecewise.spi.choking", "dev.piecewise.spi.tracker");

    private Distribution() {
    }

    static Path home() {
        return directory("piecewise.home");
    }

    /** The modular jars the runtime image was linked from: the core, the shell and their libraries. */
    static Path modules() {
        return directory("piecewise.modules");
    }

    /** The project's design docs, where the example plugin lives. */
    static Path docs() {
        return directory("piecewise.docs");
    }

    static Path coreJar() {
        return modules().resolve("piecewise-core.jar");
    }

    static Path shellJar() {
        return modules().resolve("piecewise-shell.jar");
    }

    /** Every jar in the distribution's plugins folder, the built-in plugins; none while no plugin module exists. */
    static List<Path> pluginJars() {
        Path folder = home().resolve("plugins");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The descriptor of the one module in a jar (automatic if it has no module-info.class). */
    static ModuleDescriptor descriptor(Path jar) {
        return ModuleFinder.of(jar).findAll().stream().map(ModuleReference::descriptor).findFirst().orElseThrow();
    }

    /** The packages a module exports to everyone. */
    static Set<String> exportedPackages(ModuleDescriptor module) {
        return module.exports().stream().filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    /** The packages of the JDK's API: exported to everyone by the java.* and jdk.* modules of this JDK. */
    static Set<String> jdkPackages() {
        return ModuleFinder.ofSystem().findAll().stream().map(ModuleReference::descriptor)
                .filter(module -> module.name().startsWith("java.") || module.name().startsWith("jdk."))
                .flatMap(module -> exportedPackages(module).stream()).collect(Collectors.toSet());
    }

    private static Path directory(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run these tests with"
                    + " Maven (mvn verify), which assembles the distribution first");
        }
        Path directory = Path.of(value);
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(property + " is not a directory: " + directory);
        }
        return directory;
    }
}
