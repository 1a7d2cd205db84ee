package dev.piecewise.core.swarm;

import java.util.Objects;

/**
 * A group of leechers that behave alike: how many, how fast their links are, and whether they upload at all.
 *
 * @param name      names the group in reports ({@code fast}, {@code slow}, {@code free-rider})
 * @param count     how many leechers of this kind join
 * @param upload    upload capacity in bytes per second; ignored for a free rider
 * @param download  download capacity in bytes per second, 0 for no limit of its own
 * @param freeRider whether the leecher never uploads (it unchokes nobody)
 */
public record PeerClass(String name, int count, long upload, long download, boolean freeRider) {

    public PeerClass {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a peer class name is lowercase words joined by hyphens: " + name);
        }
        if (count < 0 || download < 0 || upload < 0) {
            throw new IllegalArgumentException("peer class " + name + ": counts and capacities cannot be negative");
        }
        if (!freeRider && upload == 0) {
            throw new IllegalArgumentException("peer class " + name + " uploads nothing: make it a free rider");
        }
    }

    /** Leechers that upload at {@code upload} and download at up to {@code download} (0: no limit). */
    public static PeerClass of(String name, int count, long upload, long download) {
        return new PeerClass(name, count, upload, download, false);
    }

    /** Leechers that download at up to {@code download} and never upload. */
    public static PeerClass freeRiders(String name, int count, long download) {
        return new PeerClass(name, count, 0, download, true);
    }
}
