package dev.piecewise.shell.format;

import dev.piecewise.api.TorrentState;
import dev.piecewise.api.TorrentStatus;

import java.util.Locale;

/** How torrent figures are written wherever the shell shows them, so the list, status and progress bar agree. */
public final class TorrentText {

    private TorrentText() {
    }

    /** {@code downloading}, {@code seeding}, {@code error}. */
    public static String state(TorrentState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** The time left, or {@code -} when there is nothing to wait for or no estimate. */
    public static String eta(TorrentStatus status) {
        if (status.state() != TorrentState.DOWNLOADING) {
            return "-";
        }
        return status.eta().map(Units::duration).orElse("-");
    }

    /** {@code 12 (3 seeds)}. */
    public static String peers(TorrentStatus status) {
        return status.seeds() > 0 ? status.peers() + " (" + status.seeds() + " seeds)" : String.valueOf(status.peers());
    }
}
