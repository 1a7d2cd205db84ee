package dev.piecewise.api;

/** The kinds of plugin Piecewise has, each with its own SPI. */
public enum PluginKind {
    STRATEGY("strategy"),
    CHOKING("choking"),
    TRACKER("tracker");

    private final String label;

    PluginKind(String label) {
        this.label = label;
    }

    /** The word the shell uses for this kind. */
    public String label() {
        return label;
    }
}
