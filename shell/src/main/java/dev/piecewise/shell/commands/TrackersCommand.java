package dev.piecewise.shell.commands;

import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TrackerSnapshot;
import dev.piecewise.shell.command.CommandContext;
import dev.piecewise.shell.format.Table;
import dev.piecewise.shell.format.Units;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code trackers <id>}: each tracker's state, announces, peers and swarm counts. */
final class TrackersCommand extends TorrentCommand {

    @Override
    public String name() {
        return "trackers";
    }

    @Override
    public String summary() {
        return "list a torrent's trackers: state, last and next announce, peers, seeders, leechers, error or warning";
    }

    @Override
    void run(TorrentHandle torrent, CommandContext context) {
        List<TrackerSnapshot> trackers = torrent.trackers();
        if (trackers.isEmpty()) {
            context.out().println(torrent.id() + " has no trackers");
            return;
        }
        Instant now = Instant.now();
        var table = Table.of(">TIER", "URL", "STATE", ">LAST", ">NEXT", ">PEERS", ">SEEDS", ">LEECHES", "MESSAGE")
                .flexible("URL");
        for (TrackerSnapshot t : trackers) {
            table.row(t.tier(), t.url(), t.state(), relative(t.lastAnnounce(), now), relative(t.nextAnnounce(), now),
                    t.peersReceived(), count(t.seeders()), count(t.leechers()), message(t));
        }
        table.render(context.width()).forEach(context.out()::println);
    }

    /** The last error, or else the tracker's own warning. */
    private static String message(TrackerSnapshot t) {
        return t.lastError().or(() -> t.warning().map(w -> "warning: " + w)).orElse("");
    }

    /** {@code 2m 10s ago} or {@code in 28m 00s}. */
    private static String relative(Optional<Instant> when, Instant now) {
        return when.map(w -> {
            Duration d = Duration.between(now, w);
            return d.isNegative() ? Units.duration(d.negated()) + " ago" : "in " + Units.duration(d);
        }).orElse("-");
    }

    private static String count(OptionalInt n) {
        return n.isPresent() ? String.valueOf(n.getAsInt()) : "-";
    }
}
