package dev.piecewise.dist;

import dev.piecewise.spi.choking.ChokingPolicyProvider;
import dev.piecewise.spi.strategy.PieceStrategyProvider;
import dev.piecewise.spi.tracker.TrackerTransportProvider;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What a plugin's module descriptor may say: a module that only provides Piecewise services. */
final class PluginDescriptors {

    /** The prefix of the built-in plugins' module names. */
    static final String BUILT_IN_PREFIX = "dev.piecewise.plugin.";

    private static final Set<String> SPIS = Set.of(PieceStrategyProvider.class.getName(),
            ChokingPolicyProvider.class.getName(), TrackerTransportProvider.class.getName());

    private PluginDescriptors() {
    }

    /** Everything wrong with a plugin's descriptor; empty when it is a proper plugin module. */
    static List<String> violations(ModuleDescriptor module) {
        List<String> wrong = new ArrayList<>();
        String name = module.name();
        if (module.isAutomatic()) {
            wrong.add(name + " is an automatic module: a plugin has a module-info.class");
            return wrong;
        }
        module.exports().forEach(export -> wrong.add(name + " exports " + export.source()));
        if (module.isOpen()) {
            wrong.add(name + " is an open module");
        }
        module.opens().forEach(open -> wrong.add(name + " opens " + open.source()));
        if (module.provides().isEmpty()) {
            wrong.add(name + " provides nothing");
        }
        module.provides().stream().map(ModuleDescriptor.Provides::service).filter(service -> !SPIS.contains(service))
                .forEach(service -> wrong.add(name + " provides " + service + ", which is not a Piecewise SPI"));
        module.requires().stream().map(ModuleDescriptor.Requires::name).filter(required -> !allowed(required))
                .forEach(required -> wrong.add(name + " requires " + required
                        + " (a plugin may require only dev.piecewise.core, org.slf4j and java.* or jdk.* modules)"));
        return wrong;
    }

    private static boolean allowed(String required) {
        return required.equals("dev.piecewise.core") || required.equals("org.slf4j")
                || required.startsWith("java.") || required.startsWith("jdk.");
    }
}
