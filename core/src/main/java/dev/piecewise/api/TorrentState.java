package dev.piecewise.api;

/** Where a torrent is in its life. */
public enum TorrentState {
    /**
     * Added by magnet link: fetching the torrent's metadata (its file list and piece hashes) from peers; see
     * {@link TorrentStatus#metadata()}. Then it checks and downloads like any torrent.
     */
    FETCHING_METADATA,
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
