package dev.piecewise.shell.commands;

import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.TorrentHandle;
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

/** {@code add <file.torrent>}: adds and starts a torrent; prints its short id. */
final class AddCommand implements Command {

    @Override
    public String name() {
        return "add";
    }

    @Override
    public String summary() {
        return "add a torrent and start it; prints its id";
    }

    @Override
    public Syntax syntax() {
        return Syntax.of(List.of(Parameter.required("file.torrent", ValueKind.FILE)), List.of(
                Option.valued("dir", "DIR", ValueKind.DIRECTORY,
                        "download into DIR (default: the current directory)"),
                Option.valued("strategy", "SPEC", ValueKind.STRATEGY, "piece selection (default: see strategy)"),
                Option.valued("choking", "ID", ValueKind.CHOKING, "choking policy (default: see choking)")));
    }

    @Override
    public String details() {
        return """
                Existing data in the download directory is checked first; only what is missing is downloaded.
                The id printed is the first 8 hex digits of the info-hash; any unique prefix of it works.""";
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        Path file = context.path(args.required("file.torrent"));
        Path dir = args.option("dir").map(context::path).orElse(context.workingDirectory());
        TorrentHandle torrent = context.client().add(new AddTorrent(file, dir, args.option("strategy"), Map.of(),
                args.option("choking"), Map.of()));
        context.out().println(torrent.id());
    }
}
