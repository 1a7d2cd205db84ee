package dev.piecewise.shell.commands;

import dev.piecewise.api.FileSnapshot;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.format.Table;
import dev.piecewise.shell.format.Units;

/** {@code files <id>}: a torrent's files and how much of each is verified. */
final class FilesCommand extends TorrentCommand {

    @Override
    public String name() {
        return "files";
    }

    @Override
    public String summary() {
        return "list a torrent's files and how much of each is verified";
    }

    @Override
    void run(TorrentHandle torrent, CommandContext context) {
        var table = Table.of(">#", ">DONE", ">SIZE", "PATH").flexible("PATH");
        int index = 1;
        for (FileSnapshot f : torrent.files()) {
            double done = f.length() == 0 ? 1 : (double) f.verifiedBytes() / f.length();
            table.row(index++, Units.percent(done), Units.bytes(f.length()), f.path());
        }
        table.render(context.width()).forEach(context.out()::println);
    }
}
