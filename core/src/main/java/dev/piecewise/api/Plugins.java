package dev.piecewise.api;

import java.util.List;

/** The plugins a client has loaded from its plugins folder. */
public interface Plugins {

    /** Every usable provider, ordered by kind, then id. */
    List<PluginInfo> list();

    /** The providers of one kind, ordered by id. */
    List<PluginInfo> list(PluginKind kind);

    /**
     * The providers a spec names, by the rule every command that picks a plugin follows: each part an exact id or a
     * unique prefix of one, parts joined by {@code +} (a strategy's base and modifiers; a choking spec has one part).
     *
     * @throws PiecewiseException naming what is available when a part matches nothing, or the candidates when it
     *                            matches several
     */
    List<PluginInfo> resolve(PluginKind kind, String spec);

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
