package dev.piecewise.shell.commands;

import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentSource;
import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.Option;
import dev.piecewise.shell.command.Parameter;
import dev.piecewise.shell.command.Syntax;
import dev.piecewise.shell.command.ValueKind;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code add <file.torrent|magnet>}: adds and starts a torrent from a .torrent file or a magnet link. */
final class AddCommand implements Command {

    private static final String SOURCE = "file.torrent|magnet";

    @Override
    public String name() {
        return "add";
    }

    @Override
    public String summary() {
        return "add a torrent (a .torrent file or a magnet link) and start it; prints its id";
    }

    @Override
    public Syntax syntax() {
        return Syntax.of(List.of(Parameter.required(SOURCE, ValueKind.FILE)), List.of(
                Option.valued("dir", "DIR", ValueKind.DIRECTORY,
                        "download into DIR (default: the current directory)"),
                Option.valued("strategy", "SPEC", ValueKind.STRATEGY, "piece selection (default: see strategy)"),
                Option.valued("choking", "ID", ValueKind.CHOKING, "choking policy (default: see choking)")));
    }

    @Override
    public String details() {
        return """
                Existing data in the download directory is checked first; only what is missing is downloaded.
                The id printed is the first 8 hex digits of the info-hash; any unique prefix of it works.
                A magnet link (magnet:?xt=urn:btih:...) needs no quotes here, '&' included; in a system
                shell, quote it. Its torrent first fetches the metadata from peers (those of the link's
                trackers, its x.pe peers, and any that connect), then downloads; save-torrent keeps it.""";
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        String typed = args.required(SOURCE);
        Path dir = args.option("dir").map(context::path).orElse(context.workingDirectory());
        TorrentHandle torrent = context.client().add(new AddTorrent(source(typed, context), dir,
                args.option("strategy"), Map.of(), args.option("choking"), Map.of()));
        context.out().println(torrent.id());
    }

    /** A magnet link as typed (the client parses it and says what is wrong), anything else a path. */
    private static TorrentSource source(String typed, CommandContext context) {
        return TorrentSource.isMagnet(typed)
                ? new TorrentSource.Magnet(typed.strip())
                : new TorrentSource.File(context.path(typed));
    }
}
