package dev.piecewise.spi;

import java.util.List;

/**
 * What every plugin provider has, whatever its kind. Providers are stateless factories found with
 * {@link java.util.ServiceLoader}; they must have a public no-argument constructor (or a public static
 * {@code provider()} method when declared in a module descriptor) and do nothing heavy when constructed.
 */
public interface PluginProvider {

    /**
     * The id users pick this provider by: lowercase letters and digits in words joined by hyphens
     * ({@code rarest-first}), unique among the providers of one kind.
     */
    String id();

    /** One line that says what the provider does, shown by {@code plugins} and in help. */
    String description();

    /**
     * The provider's version: by default the version of its module descriptor, else the jar manifest's
     * {@code Implementation-Version}, else {@code "unversioned"}.
     */
    default String version() {
        return PluginVersion.of(getClass());
    }

    /**
     * The options an instance accepts as {@code key=value}. The core checks what a user typed against these before
     * it creates an instance, so an instance only ever sees valid values.
     */
    default List<OptionSpec> options() {
        return List.of();
    }
}
