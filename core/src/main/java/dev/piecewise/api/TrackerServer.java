package dev.piecewise.api;

import java.net.URI;

/**
 * The tracker a client can run for local swarms, demos and comparisons: HTTP (BEP 3, 23, 48) and UDP (BEP 15) on one
 * port of 127.0.0.1. Put its URLs in a torrent's announce list; peers that announce get each other back.
 */
public interface TrackerServer extends AutoCloseable {

    /** The port it listens on, for both TCP and UDP. */
    int port();

    /** The HTTP announce URL, e.g. {@code http://127.0.0.1:6969/announce}. */
    URI httpAnnounceUrl();

    /** The UDP announce URL, e.g. {@code udp://127.0.0.1:6969/announce}. */
    URI udpAnnounceUrl();

    /** Whether it still answers; false once closed. */
    boolean isRunning();

    /** Stops it; the peers it knew are forgotten. Does nothing if already stopped. */
    @Override
    void close();
}
