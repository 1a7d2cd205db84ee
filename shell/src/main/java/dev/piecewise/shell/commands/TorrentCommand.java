package dev.piecewise.shell.commands;

import dev.piecewise.api.TorrentHandle;
import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.Parameter;
import dev.piecewise.shell.command.Syntax;
import dev.piecewise.shell.command.ValueKind;

import java.util.List;

/** A command about one torrent named by its id: {@code status <id>}, {@code peers <id>}, {@code pause <id>}. */
abstract class TorrentCommand implements Command {

    @Override
    public Syntax syntax() {
        return Syntax.of(List.of(Parameter.required("id", ValueKind.TORRENT)), List.of());
    }

    @Override
    public final void run(Arguments args, CommandContext context) throws Exception {
        run(context.client().torrent(args.required("id")), context);
    }

    abstract void run(TorrentHandle torrent, CommandContext context) throws Exception;
}
