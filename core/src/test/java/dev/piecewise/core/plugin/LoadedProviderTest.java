package dev.piecewise.core.plugin;

import dev.piecewise.api.PluginKind;
import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.PluginProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** LoadedProvider's written-out equals and hashCode keep a record's meaning: equal when every component is. */
class LoadedProviderTest {

    private static PluginProvider provider(String id) {
        return new PluginProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "a provider for the test";
            }
        };
    }

    private static LoadedProvider loaded(PluginProvider provider, String version, List<OptionSpec> options) {
        return new LoadedProvider(PluginKind.STRATEGY, provider, provider.id(), provider.description(), version,
                "test.jar", false, Set.of(), options);
    }

    @Test
    void equalWhenEveryComponentIsEqual() {
        PluginProvider provider = provider("one");
        List<OptionSpec> options = List.of(OptionSpec.integer("depth", 4, 1, 8, "how deep"));
        LoadedProvider a = loaded(provider, "1.0", options);
        LoadedProvider b = loaded(provider, "1.0", List.copyOf(options));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a, new LoadedProvider(a.kind(), a.provider(), a.id(), a.description(), a.version(), a.origin(),
                a.modifier(), a.schemes(), a.options()), "a copy through the canonical constructor");
    }

    @Test
    void differentWhenAnyComponentDiffers() {
        PluginProvider provider = provider("one");
        LoadedProvider a = loaded(provider, "1.0", List.of());
        assertNotEquals(a, loaded(provider("one"), "1.0", List.of()), "another provider instance");
        assertNotEquals(a, loaded(provider, "2.0", List.of()));
        assertNotEquals(a, loaded(provider, "1.0", List.of(OptionSpec.flag("fast", true, "go fast"))));
        assertNotEquals(a, new LoadedProvider(PluginKind.STRATEGY, provider, "one", a.description(), "1.0",
                "test.jar", true, Set.of(), List.of()), "a modifier");
        assertNotEquals(a, null);
    }
}
