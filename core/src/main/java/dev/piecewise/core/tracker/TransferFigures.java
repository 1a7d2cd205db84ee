package dev.piecewise.core.tracker;

/** The true figures of one torrent the engine reports to trackers (BEP 3), read when each announce is made. */
public interface TransferFigures {

    /** Payload bytes sent since the torrent started in this session. */
    long uploaded();

    /** Payload bytes received since the torrent started in this session. */
    long downloaded();

    /** Bytes still needed for a complete download; 0 when seeding. */
    long left();
}
