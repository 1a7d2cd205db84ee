package dev.piecewise.core.plugin;

/**
 * Why a jar or a provider cannot be used, in one line for the user. The cause, when there is one, goes to the log
 * only.
 */
final class PluginRejected extends Exception {

    PluginRejected(String message) {
        super(message);
    }

    PluginRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
