package dev.piecewise.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module descriptors of the distribution: the core exports its API and SPIs only; plugins only provide. */
class ModuleDescriptorsIT {

    @TempDir
    Path work;

    @Test
    void theCoreExportsExactlyTheApiAndSpiPackagesToEveryoneAndOpensNothing() {
        ModuleDescriptor core = Distribution.descriptor(Distribution.coreJar());

        assertEquals("dev.piecewise.core", core.name());
        assertEquals(Distribution.CORE_EXPORTS, Distribution.exportedPackages(core));
        assertEquals(Distribution.CORE_EXPORTS.size(), core.exports().size(), "no qualified exports either");
        assertTrue(core.opens().isEmpty() && !core.isOpen(), "the core opens nothing");
    }

    @Test
    void everyBuiltInPluginIsAnExplicitDevPiecewisePluginModuleThatOnlyProvides() {
        for (Path jar : Distribution.pluginJars()) {
            ModuleDescriptor plugin = Distribution.descriptor(jar);
            assertTrue(plugin.name().startsWith(PluginDescriptors.BUILT_IN_PREFIX),
                    jar.getFileName() + ": module " + plugin.name() + " is not named " + PluginDescriptors.BUILT_IN_PREFIX
                            + "*");
            assertEquals(List.of(), PluginDescriptors.violations(plugin), jar.getFileName().toString());
        }
    }

    @Test
    void theExamplePluginBuiltAsTheDocsSayHasAProperDescriptor() throws IOException {
        ModuleDescriptor example = Distribution.descriptor(PluginBuild.example(work));

        assertEquals(List.of(), PluginDescriptors.violations(example));
        assertEquals("1.0.0", example.rawVersion().orElseThrow());
    }

    @Test
    void theChecksCatchEveryKindOfImproperDescriptor() {
        ModuleDescriptor bad = ModuleDescriptor.newModule("org.example.bad")
                .requires("dev.piecewise.core")
                .requires("org.jline.reader")
                .exports("org.example.bad")
                .opens("org.example.bad.internal")
                .provides("java.sql.Driver", List.of("org.example.bad.internal.Driver"))
                .provides("dev.piecewise.spi.strategy.PieceStrategyProvider", List.of("org.example.bad.Strategy"))
                .build();

        assertEquals(List.of(
                "org.example.bad exports org.example.bad",
                "org.example.bad opens org.example.bad.internal",
                "org.example.bad provides java.sql.Driver, which is not a Piecewise SPI",
                "org.example.bad requires org.jline.reader (a plugin may require only dev.piecewise.core, org.slf4j"
                        + " and java.* or jdk.* modules)"), sorted(PluginDescriptors.violations(bad)));
        assertEquals(List.of("plain is an automatic module: a plugin has a module-info.class"),
                PluginDescriptors.violations(ModuleDescriptor.newAutomaticModule("plain").build()));
        assertEquals(List.of("org.example.open is an open module", "org.example.open provides nothing"),
                PluginDescriptors.violations(ModuleDescriptor.newOpenModule("org.example.open")
                        .packages(Set.of("org.example.open")).build()));
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
