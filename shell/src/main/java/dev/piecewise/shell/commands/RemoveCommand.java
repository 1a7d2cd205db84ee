package dev.piecewise.shell.commands;

import dev.piecewise.api.TorrentHandle;
import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.Option;
import dev.piecewise.shell.command.Parameter;
import dev.piecewise.shell.command.Syntax;
import dev.piecewise.shell.command.ValueKind;

import java.util.List;

/** {@code remove <id> [--delete-data]}. */
final class RemoveCommand implements Command {

    @Override
    public String name() {
        return "remove";
    }

    @Override
    public String summary() {
        return "stop a torrent, tell its trackers and forget it; its data stays unless --delete-data";
    }

    @Override
    public Syntax syntax() {
        return Syntax.of(List.of(Parameter.required("id", ValueKind.TORRENT)),
                List.of(Option.flag("delete-data", "also delete the downloaded files")));
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        TorrentHandle torrent = context.client().torrent(args.required("id"));
        boolean delete = args.has("delete-data");
        context.client().remove(torrent.id(), delete);
        context.out().println(torrent.id() + " removed" + (delete ? ", data deleted" : ""));
    }
}
