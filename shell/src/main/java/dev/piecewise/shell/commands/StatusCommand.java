package dev.piecewise.shell.commands;

import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentMetrics;
import dev.piecewise.api.TorrentStatus;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.format.Fields;
import dev.piecewise.shell.format.TorrentText;
import dev.piecewise.shell.format.Units;

/** {@code status <id>}: everything about one torrent. */
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
        TorrentMetrics m = s.metrics();
        var fields = new Fields()
                .add("name", torrent.name())
                .add("id", torrent.id())
                .add("info-hash", torrent.infoHash().hex())
                .add("state", TorrentText.state(s.state()) + s.error().map(e -> ": " + e).orElse(""))
                .add("progress", Units.percent(s.progress()) + " of " + Units.bytes(s.totalBytes())
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
        fields.render().forEach(context.out()::println);
    }
}
