package dev.piecewise.api;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The demo a client sets up with {@link Client#demo()}: a sample torrent in the data directory and a small swarm
 * seeding it on 127.0.0.1, found through the client's embedded tracker. No internet needed.
 *
 * @param torrent the sample .torrent file, to {@code add}
 * @param size    the payload's size in bytes
 * @param pieces  its pieces
 * @param seeds   the seeds running in this process
 * @param tracker the announce URL the torrent and the seeds use
 */
public record DemoSwarm(Path torrent, long size, int pieces, int seeds, URI tracker) {

    public DemoSwarm {
        Objects.requireNonNull(torrent, "torrent");
        Objects.requireNonNull(tracker, "tracker");
    }
}
