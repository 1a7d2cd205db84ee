package dev.piecewise.shell.commands;

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

/** {@code save-torrent <id> <file> [--force]}: writes a torrent out as a .torrent file. */
final class SaveTorrentCommand implements Command {

    @Override
    public String name() {
        return "save-torrent";
    }

    @Override
    public String summary() {
        return "write a torrent as a .torrent file (how a magnet link's metadata is kept)";
    }

    @Override
    public Syntax syntax() {
        return Syntax.of(
                List.of(Parameter.required("id", ValueKind.TORRENT), Parameter.required("file", ValueKind.FILE)),
                List.of(Option.flag("force", "replace the file if it exists")));
    }

    @Override
    public String details() {
        return """
                The file holds the torrent's info dictionary exactly as received, so its info-hash is the
                torrent's, and its trackers. A magnet torrent can be saved once its metadata has arrived.""";
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        TorrentHandle torrent = context.client().torrent(args.required("id"));
        Path file = context.path(args.required("file"));
        torrent.saveTorrent(file, args.has("force"));
        context.out().println(torrent.id() + " saved to " + file);
    }
}
