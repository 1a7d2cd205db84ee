package dev.piecewise.shell.commands;

import dev.piecewise.api.PluginInfo;
import dev.piecewise.api.PluginKind;
import dev.piecewise.api.PluginProblem;
import dev.piecewise.api.Plugins;
import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.Parameter;
import dev.piecewise.shell.command.Syntax;
import dev.piecewise.shell.format.Table;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code plugins}: what the plugins folder holds; {@code plugins reload}: scan it again. */
final class PluginsCommand implements Command {

    @Override
    public String name() {
        return "plugins";
    }

    @Override
    public String summary() {
        return "list the plugins (kind, id, version, origin) and any that failed to load; reload: rescan the folder";
    }

    @Override
    public Syntax syntax() {
        return Syntax.of(List.of(Parameter.choice(true, "reload")), List.of());
    }

    @Override
    public String details() {
        return """
                Plugin jars live in the plugins folder (--plugins DIR when starting Piecewise). Drop a jar there
                and run 'plugins reload': running torrents keep the strategy and policy instances they have until
                you switch them.""";
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        Plugins plugins = context.client().plugins();
        PrintWriter out = context.out();
        if (args.get("reload").isPresent()) {
            List<PluginProblem> problems = plugins.reload();
            out.println("reloaded: " + count(plugins.list()));
            printProblems(problems, out);
            return;
        }
        List<PluginInfo> all = plugins.list();
        if (all.isEmpty()) {
            out.println("no plugins loaded");
        } else {
            var table = Table.of("KIND", "ID", "VERSION", "ORIGIN", "DESCRIPTION").flexible("DESCRIPTION");
            for (PluginInfo p : all) {
                table.row(p.kind().label(), p.id(), p.version(), p.origin(),
                        p.detail().isEmpty() ? p.description() : p.description() + " (" + p.detail() + ")");
            }
            table.render(context.width()).forEach(out::println);
        }
        printProblems(plugins.problems(), out);
    }

    /** {@code 7 plugins: 4 strategy, 2 choking, 1 tracker}. */
    private static String count(List<PluginInfo> plugins) {
        Map<PluginKind, Integer> byKind = new TreeMap<>();
        plugins.forEach(p -> byKind.merge(p.kind(), 1, Integer::sum));
        var parts = byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).toList();
        return plugins.size() + (plugins.size() == 1 ? " plugin" : " plugins")
                + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    private static void printProblems(List<PluginProblem> problems, PrintWriter out) {
        if (!problems.isEmpty()) {
            out.println("not loaded (" + problems.size() + "):");
            problems.forEach(p -> out.println("  " + p));
        }
    }
}
