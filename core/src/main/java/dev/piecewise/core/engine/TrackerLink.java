package dev.piecewise.core.engine;

import dev.piecewise.api.TorrentState;
import dev.piecewise.core.tracker.Announcer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Tells a torrent's announcer what its torrent does: {@code started} once the data is checked, {@code completed} when
 * the download finishes, {@code stopped} when it pauses, fails or is removed. Called under the torrent's lock; the
 * announcer never blocks.
 */
final class TrackerLink implements PeerHost.Listener {

    static final Duration STOP_DEADLINE = Duration.ofSeconds(3);

    private volatile Announcer announcer;
    private volatile CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);

    void connect(Announcer announcer) {
        this.announcer = announcer;
    }

    /** Completes when the last {@code stopped} was answered or its deadline passed. */
    CompletableFuture<Void> stopped() {
        return stopped;
    }

    @Override
    public void stateChanged(TorrentState from, TorrentState to) {
        Announcer target = announcer;
        if (target == null) {
            return;
        }
        switch (to) {
            case FETCHING_METADATA, DOWNLOADING -> target.start();
            case SEEDING -> {
                if (from == TorrentState.DOWNLOADING) {
                    target.completed();
                } else {
                    target.start();
                }
            }
            case PAUSED, ERROR, REMOVED -> stopped = target.stop(STOP_DEADLINE);
            case CHECKING -> {
                // announced once the check tells whether we download or seed
            }
        }
    }
}
