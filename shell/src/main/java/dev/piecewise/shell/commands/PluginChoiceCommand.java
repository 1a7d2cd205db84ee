package dev.piecewise.shell.commands;

import dev.piecewise.api.Client;
import dev.piecewise.api.PluginInfo;
import dev.piecewise.api.PluginKind;
import dev.piecewise.api.Selection;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.HelpText;
import dev.piecewise.shell.command.Option;
import dev.piecewise.shell.command.Parameter;
import dev.piecewise.shell.command.Syntax;
import dev.piecewise.shell.command.ValueKind;
import dev.piecewise.shell.format.Table;
import dev.piecewise.spi.OptionSpec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape {@code strategy} and {@code choking} share: list the plugins of a kind with the default marked, set the
 * default or one torrent's choice with options as {@code key=value}, and show a plugin's options with
 * {@code --help}.
 */
abstract class PluginChoiceCommand implements Command {

    private final PluginKind kind;
    private final String what;

    /**
     * @param what what is chosen, for messages ({@code strategy}, {@code choking policy})
     */
    PluginChoiceCommand(PluginKind kind, String what) {
        this.kind = kind;
        this.what = what;
    }

    abstract Selection current(Client client);

    abstract Selection setDefault(Client client, String spec, Map<String, String> options);

    abstract Selection set(TorrentHandle torrent, String spec, Map<String, String> options);

    @Override
    public String name() {
        return kind.label();
    }

    @Override
    public Syntax syntax() {
        ValueKind valueKind = kind == PluginKind.STRATEGY ? ValueKind.STRATEGY : ValueKind.CHOKING;
        return Syntax.of(List.of(Parameter.optional("spec", valueKind)), List.of(
                Option.valued("torrent", "ID", ValueKind.TORRENT, "change this torrent instead of the default"),
                Option.flag("help", "with a spec: list its options and their defaults")))
                .withKeyValuesOf("spec");
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        Client client = context.client();
        PrintWriter out = context.out();
        if (args.get("spec").isEmpty()) {
            if (args.has("help")) {
                HelpText.of(this).forEach(out::println);
                return;
            }
            list(client, context);
            return;
        }
        String spec = args.required("spec");
        if (args.has("help")) {
            describe(client.plugins().resolve(kind, spec), context);
            return;
        }
        if (args.option("torrent").isPresent()) {
            TorrentHandle torrent = client.torrent(args.option("torrent").get());
            out.println(torrent.id() + ": " + what + " " + set(torrent, spec, args.keyValues()));
        } else {
            out.println("default " + what + ": " + setDefault(client, spec, args.keyValues()));
        }
    }

    private void list(Client client, CommandContext context) {
        List<PluginInfo> plugins = client.plugins().list(kind);
        PrintWriter out = context.out();
        if (plugins.isEmpty()) {
            out.println("no " + kind.label() + " plugins are loaded");
            return;
        }
        Selection current = current(client);
        Set<String> chosen = Set.copyOf(Arrays.asList(current.spec().split("\\+")));
        // a strategy is a base or a modifier (the part of a spec after '+'); a choking policy is just itself
        boolean strategies = kind == PluginKind.STRATEGY;
        var table = strategies ? Table.of(" ", "ID", "KIND", "DESCRIPTION") : Table.of(" ", "ID", "DESCRIPTION");
        table.flexible("DESCRIPTION");
        for (PluginInfo p : plugins) {
            String mark = chosen.contains(p.id()) ? "*" : "";
            if (strategies) {
                table.row(mark, p.id(), p.detail().isEmpty() ? "base" : p.detail(), p.description());
            } else {
                table.row(mark, p.id(), p.description());
            }
        }
        table.render(context.width()).forEach(out::println);
        out.println("* default: " + current);
    }

    private void describe(List<PluginInfo> plugins, CommandContext context) {
        PrintWriter out = context.out();
        for (PluginInfo p : plugins) {
            out.println(p.id() + " " + p.version() + " (" + p.origin() + "): " + p.description());
            if (p.options().isEmpty()) {
                out.println("  no options");
                continue;
            }
            var table = Table.of("OPTION", "DEFAULT", "RANGE", "DESCRIPTION").flexible("DESCRIPTION");
            for (OptionSpec o : p.options()) {
                table.row(o.key() + "=", o.defaultText(), range(o), o.description());
            }
            table.render(context.width() > 2 ? context.width() - 2 : 0).forEach(line -> out.println("  " + line));
        }
    }

    private static String range(OptionSpec o) {
        if (o.min() == null && o.max() == null) {
            return o.type() == OptionSpec.Type.FLAG ? "true|false" : "";
        }
        return OptionSpec.format(o.min()) + ".." + OptionSpec.format(o.max());
    }
}
