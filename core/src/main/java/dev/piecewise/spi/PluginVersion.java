package dev.piecewise.spi;

/** Reads a provider's version from where the build put it. */
final class PluginVersion {

    static final String UNVERSIONED = "unversioned";

    private PluginVersion() {
    }

    static String of(Class<?> type) {
        var descriptor = type.getModule().getDescriptor();
        if (descriptor != null && descriptor.rawVersion().isPresent()) {
            return descriptor.rawVersion().get();
        }
        var pkg = type.getPackage();
        if (pkg != null && pkg.getImplementationVersion() != null) {
            return pkg.getImplementationVersion();
        }
        return UNVERSIONED;
    }
}
