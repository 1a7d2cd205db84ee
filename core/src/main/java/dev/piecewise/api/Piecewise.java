package dev.piecewise.api;

/** The entry point: starts a client. */
public final class Piecewise {

    private Piecewise() {
    }

    /**
     * Starts a client: loads the plugins, opens the listen port and restores the torrents saved in the data directory.
     *
     * @throws PiecewiseException when the client cannot start (the port is taken, the data directory is unusable)
     */
    public static Client start(ClientConfig config) {
        return dev.piecewise.core.Session.start(config);
    }

    /** The version of this build, from the core's module descriptor. */
    public static String version() {
        return Piecewise.class.getModule().getDescriptor() == null ? "dev"
                : Piecewise.class.getModule().getDescriptor().rawVersion().orElse("dev");
    }
}
