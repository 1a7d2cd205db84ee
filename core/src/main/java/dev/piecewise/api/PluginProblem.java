package dev.piecewise.api;

/**
 * A plugin jar, or a provider in it, that could not be used. Every other plugin still loads.
 *
 * @param origin  the jar's file name
 * @param message what went wrong, in one line
 */
public record PluginProblem(String origin, String message) {

    @Override
    public String toString() {
        return origin + ": " + message;
    }
}
