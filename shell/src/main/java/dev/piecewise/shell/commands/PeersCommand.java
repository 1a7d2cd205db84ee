package dev.piecewise.shell.commands;

import dev.piecewise.api.PeerSnapshot;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.format.Table;
import dev.piecewise.shell.format.TorrentText;
import dev.piecewise.shell.format.Units;

import java.util.Comparator;
import java.util.List;

/** {@code peers <id>}: the connected peers, fastest first. */
final class PeersCommand extends TorrentCommand {

    @Override
    public String name() {
        return "peers";
    }

    @Override
    public String summary() {
        return "list a torrent's connected peers with their client, flags, progress and rates";
    }

    @Override
    public String details() {
        return """
                Flags: D/d downloading from it (unchoked/choked, we are interested), U/u uploading to it,
                O optimistic unchoke, S snubbed, I incoming, F fast extension, E extension protocol.""";
    }

    @Override
    void run(TorrentHandle torrent, CommandContext context) {
        List<PeerSnapshot> peers = torrent.peers().stream()
                .sorted(Comparator.comparingDouble((PeerSnapshot p) -> p.downloadRate() + p.uploadRate()).reversed())
                .toList();
        if (peers.isEmpty()) {
            context.out().println("no peers connected to " + torrent.id());
            return;
        }
        var table = Table.of("ADDRESS", "CLIENT", "FLAGS", ">HAS", ">DOWN", ">UP", ">RECEIVED", ">SENT", "SOURCE")
                .flexible("CLIENT");
        for (PeerSnapshot p : peers) {
            table.row(TorrentText.address(p.address()), p.client(), p.flags(),
                    Units.percent(p.progress()), Units.rate(p.downloadRate()), Units.rate(p.uploadRate()),
                    Units.bytes(p.downloaded()), Units.bytes(p.uploaded()), p.source());
        }
        table.render(context.width()).forEach(context.out()::println);
    }
}
