package dev.piecewise.shell.commands;

import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentStatus;
import dev.piecewise.shell.command.Arguments;
import dev.piecewise.shell.command.Command;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.command.Syntax;
import dev.piecewise.shell.format.Table;
import dev.piecewise.shell.format.TorrentText;
import dev.piecewise.shell.format.Units;

import java.util.List;

/** {@code list}: every torrent, one line each; a magnet torrent fetching its metadata shows the peers tried. */
final class ListCommand implements Command {

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String summary() {
        return "list the torrents with their state, progress, rates and peers";
    }

    @Override
    public Syntax syntax() {
        return Syntax.none();
    }

    @Override
    public void run(Arguments args, CommandContext context) {
        List<TorrentHandle> torrents = context.client().torrents();
        if (torrents.isEmpty()) {
            context.out().println("no torrents; add one with: add <file.torrent|magnet>");
            return;
        }
        var table = Table.of("ID", "NAME", "STATE", ">DONE", ">SIZE", ">DOWN", ">UP", ">PEERS", ">ETA")
                .flexible("NAME");
        for (TorrentHandle t : torrents) {
            TorrentStatus s = t.status();
            table.row(t.id(), t.name(), TorrentText.state(s.state()), Units.percent(s.progress()),
                    TorrentText.size(s), Units.rate(s.downloadRate()), Units.rate(s.uploadRate()),
                    s.metadata().isPresent() ? TorrentText.peers(s) : s.peers(), TorrentText.eta(s));
        }
        table.render(context.width()).forEach(context.out()::println);
    }
}
