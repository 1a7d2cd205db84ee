package dev.piecewise.shell.commands;

import dev.piecewise.api.MetadataProgress;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentMetrics;
import dev.piecewise.api.TorrentStatus;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.format.Fields;
import dev.piecewise.shell.format.Table;
import dev.piecewise.shell.format.TorrentText;
import dev.piecewise.shell.format.Units;

/** {@code status <id>}: everything about one torrent; for a magnet torrent fetching its metadata, how that goes. */
final class StatusCommand extends TorrentCommand {

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "show one torrent in detail: progress, rates, peers, strategy, policy and what they measured";
    }

    @Override
    void run(TorrentHandle torrent, CommandContext context) {
        TorrentStatus s = torrent.status();
        var fields = new Fields()
                .add("name", torrent.name())
                .add("id", torrent.id())
                .add("info-hash", torrent.infoHash().hex())
                .add("state", TorrentText.state(s.state()) + s.error().map(e -> ": " + e).orElse(""));
        if (s.metadata().isPresent()) {
            fetching(s, s.metadata().get(), fields, context);
        } else {
            known(s, fields);
            fields.render().forEach(context.out()::println);
        }
    }

    /** A magnet torrent without its metadata: how far the metadata is and each peer tried. */
    private static void fetching(TorrentStatus s, MetadataProgress metadata, Fields fields, CommandContext context) {
        fields.add("metadata", TorrentText.metadata(metadata))
                .add("peers", TorrentText.peers(s))
                .add("strategy", s.strategy())
                .add("choking", s.choking());
        fields.render().forEach(context.out()::println);
        if (metadata.peers().isEmpty()) {
            return;
        }
        context.out().println();
        var table = Table.of("PEER", "CLIENT", "METADATA").flexible("METADATA");
        for (MetadataProgress.MetadataPeer peer : metadata.peers()) {
            table.row(TorrentText.address(peer.address()), peer.client(), peer.state());
        }
        table.render(context.width()).forEach(context.out()::println);
    }

    private static void known(TorrentStatus s, Fields fields) {
        TorrentMetrics m = s.metrics();
        fields.add("progress", Units.percent(s.progress()) + " of " + Units.bytes(s.totalBytes())
                        + " (" + s.piecesVerified() + "/" + s.piecesTotal() + " pieces)")
                .add("rates", "down " + Units.rate(s.downloadRate()) + ", up " + Units.rate(s.uploadRate()))
                .add("transferred", "down " + Units.bytes(s.downloaded()) + ", up " + Units.bytes(s.uploaded())
                        + " this session")
                .add("peers", TorrentText.peers(s))
                .add("eta", TorrentText.eta(s))
                .add("strategy", s.strategy())
                .add("choking", s.choking())
                .add("first piece", m.timeToFirstPiece().map(Units::duration).orElse("-"))
                .add("completed in", m.timeToComplete().map(Units::duration).orElse("-"))
                .add("duplicates", Units.bytes(m.duplicateBytes()) + " received twice, "
                        + m.cancelsSent() + " cancels sent")
                .add("waste", Units.bytes(m.wastedBytes()) + " discarded, " + m.hashFailures() + " pieces failed, "
                        + m.requestTimeouts() + " requests timed out")
                .add("availability", "rarest needed piece on " + m.minAvailability() + " peers");
    }
}
