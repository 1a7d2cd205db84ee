package dev.piecewise.core.plugin;

/**
 * Thrown into a plugin call that has run past its deadline (see {@link CallWatch}), to unwind it. An {@link Error}, so
 * that a plugin's {@code catch (Exception e)} does not swallow it.
 */
public final class PluginOverrun extends Error {

    PluginOverrun() {
        super("did not return in time", null, false, false);
    }
}
