package dev.piecewise.shell.command;

import dev.piecewise.api.PluginInfo;
import dev.piecewise.api.PluginKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds plugins by id or unique prefix for what the shell shows about them ({@code strategy rarest --help}, the
 * completion of option keys); choosing a plugin is the client's business and goes through the API, which applies
 * the same rule.
 */
public final class PluginLookup {

    private PluginLookup() {
    }

    /** The plugins a spec names: one for a choking policy, the base and its modifiers for a strategy. */
    public static List<PluginInfo> resolve(List<PluginInfo> available, PluginKind kind, String spec) {
        var found = new ArrayList<PluginInfo>();
        for (String part : spec.split("\\+", -1)) {
            found.add(resolveOne(available, kind, part));
        }
        return found;
    }

    private static PluginInfo resolveOne(List<PluginInfo> available, PluginKind kind, String typed) {
        for (PluginInfo p : available) {
            if (p.id().equals(typed)) {
                return p;
            }
        }
        List<PluginInfo> matches = available.stream().filter(p -> p.id().startsWith(typed)).toList();
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        List<String> ids = (matches.isEmpty() ? available : matches).stream().map(PluginInfo::id).toList();
        if (matches.isEmpty()) {
            throw new CommandFailure("no " + kind.label() + " '" + typed + "'; available: "
                    + (ids.isEmpty() ? "none" : String.join(", ", ids)));
        }
        throw new CommandFailure("'" + typed + "' is ambiguous: " + String.join(", ", ids));
    }
}
