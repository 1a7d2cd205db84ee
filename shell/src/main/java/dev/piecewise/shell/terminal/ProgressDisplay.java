package dev.piecewise.shell.terminal;

import dev.piecewise.api.Client;
import dev.piecewise.api.MetadataProgress;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentState;
import dev.piecewise.api.TorrentStatus;
import dev.piecewise.shell.format.Text;
import dev.piecewise.shell.format.TorrentText;
import dev.piecewise.shell.format.Units;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live progress bar of the interactive shell: once a second, a line per active download (percent, rates, ETA,
 * peers) and a summary line, drawn at the bottom of the screen while the user types or a command runs. It also
 * tells the user, above the prompt, when a download completes or a torrent stops with an error.
 */
public final class ProgressDisplay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProgressDisplay.class);
    private static final int MAX_TORRENT_LINES = 3;

    private final Supplier<Optional<Client>> client;
    private final TerminalConsole console;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "progress-display");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, TorrentState> lastStates = new HashMap<>();

    public ProgressDisplay(Supplier<Optional<Client>> client, TerminalConsole console) {
        this.client = client;
        this.console = console;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::refresh, 0, 1, TimeUnit.SECONDS);
    }

    private void refresh() {
        try {
            List<Snapshot> torrents = client.get().map(ProgressDisplay::snapshots).orElse(List.of());
            announceChanges(torrents);
            console.status(lines(torrents));
        } catch (RuntimeException e) {
            // a client that is not up to it yet must not end the refreshes
            log.debug("progress refresh failed", e);
        }
    }

    /** A torrent and one consistent status of it. */
    record Snapshot(String id, String name, TorrentStatus status) {
    }

    private static List<Snapshot> snapshots(Client client) {
        return client.torrents().stream().map(t -> new Snapshot(t.id(), t.name(), t.status())).toList();
    }

    private void announceChanges(List<Snapshot> torrents) {
        for (Snapshot t : torrents) {
            TorrentState before = lastStates.put(t.id(), t.status().state());
            TorrentState now = t.status().state();
            if (before == null || before == now) {
                continue;
            }
            String who = t.id() + " " + Text.printable(t.name());
            if (now == TorrentState.SEEDING && before == TorrentState.DOWNLOADING) {
                console.notice(who + ": download complete");
            } else if (before == TorrentState.FETCHING_METADATA && isActive(now)) {
                console.notice(who + ": metadata received; downloading");
            } else if (now == TorrentState.ERROR) {
                console.notice(who + ": stopped: " + Text.printable(t.status().error().orElse("error")));
            }
        }
        lastStates.keySet().retainAll(torrents.stream().map(Snapshot::id).toList());
    }

    /** The bar: nothing without torrents; a line per active download (at most three) and a summary. */
    static List<AttributedString> lines(List<Snapshot> torrents) {
        if (torrents.isEmpty()) {
            return List.of();
        }
        var lines = new ArrayList<AttributedString>();
        List<Snapshot> active = torrents.stream().filter(t -> isActive(t.status().state())).toList();
        for (Snapshot t : active.subList(0, Math.min(MAX_TORRENT_LINES, active.size()))) {
            TorrentStatus s = t.status();
            lines.add(new AttributedStringBuilder()
                    .append(t.id(), AttributedStyle.BOLD)
                    .append(" " + progress(s))
                    .append("  ↓ " + Units.rate(s.downloadRate()) + "  ↑ " + Units.rate(s.uploadRate()))
                    .append("  ETA " + TorrentText.eta(s) + "  peers " + TorrentText.peers(s))
                    .append("  " + Text.printable(t.name()))
                    .toAttributedString());
        }
        lines.add(summary(torrents, active.size()));
        return lines;
    }

    /** {@code 42.1% downloading}; {@code fetching metadata 2/5} while a magnet torrent's metadata comes in. */
    private static String progress(TorrentStatus s) {
        if (s.metadata().isEmpty()) {
            return Units.percent(s.progress()) + " " + TorrentText.state(s.state());
        }
        MetadataProgress metadata = s.metadata().get();
        return TorrentText.state(s.state())
                + (metadata.piecesTotal() > 0 ? " " + metadata.piecesReceived() + "/" + metadata.piecesTotal() : "");
    }

    private static AttributedString summary(List<Snapshot> torrents, int active) {
        double down = torrents.stream().mapToDouble(t -> t.status().downloadRate()).sum();
        double up = torrents.stream().mapToDouble(t -> t.status().uploadRate()).sum();
        long seeding = torrents.stream().filter(t -> t.status().state() == TorrentState.SEEDING).count();
        String more = active > MAX_TORRENT_LINES ? " (" + (active - MAX_TORRENT_LINES) + " not shown)" : "";
        return new AttributedStringBuilder()
                .append(torrents.size() + (torrents.size() == 1 ? " torrent: " : " torrents: ")
                                + active + " active" + more + ", " + seeding + " seeding"
                                + "  ↓ " + Units.rate(down) + "  ↑ " + Units.rate(up),
                        AttributedStyle.DEFAULT.inverse())
                .toAttributedString();
    }

    private static boolean isActive(TorrentState state) {
        return state == TorrentState.FETCHING_METADATA || state == TorrentState.CHECKING
                || state == TorrentState.DOWNLOADING;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("the progress display did not stop within 2 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
