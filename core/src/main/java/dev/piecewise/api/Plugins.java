package dev.piecewise.api;

import java.util.List;

/** The plugins a client has loaded from its plugins folder. */
public interface Plugins {

    /** Every usable provider, ordered by kind, then id. */
    List<PluginInfo> list();

    /** The providers of one kind, ordered by id. */
    List<PluginInfo> list(PluginKind kind);

    /** What could not be loaded at the last scan, one entry per broken jar or provider. */
    List<PluginProblem> problems();

    /**
     * Scans the plugins folder again. New and changed jars are loaded; torrents keep the instances they have until
     * their strategy or policy is switched.
     *
     * @return the problems of this scan (also available from {@link #problems()})
     */
    List<PluginProblem> reload();
}
