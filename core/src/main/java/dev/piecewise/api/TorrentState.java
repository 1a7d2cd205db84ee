package dev.piecewise.api;

/** Where a torrent is in its life. */
public enum TorrentState {
    /** Hashing existing data to find what is already there. */
    CHECKING,
    /** Fetching pieces. */
    DOWNLOADING,
    /** Complete; uploading only. */
    SEEDING,
    /** Stopped by the user; resumes with {@link TorrentHandle#resume()}. */
    PAUSED,
    /** Stopped by an error (disk full, data gone); see {@link TorrentStatus#error()}. */
    ERROR,
    /** Removed from the client. */
    REMOVED
}
