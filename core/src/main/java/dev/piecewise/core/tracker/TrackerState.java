package dev.piecewise.core.tracker;

import java.util.Locale;

/** What a tracker of a torrent is doing, as {@code trackers <id>} shows it. */
enum TrackerState {
    /** Not asked yet, or the torrent is stopped. */
    IDLE,
    /** A call is under way. */
    ANNOUNCING,
    /** Its last announce was answered. */
    WORKING,
    /** Its last announce failed; it is retried later. */
    FAILING,
    /** It cannot be used: no transport serves its URL scheme, or its URL is invalid. */
    DISABLED;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
