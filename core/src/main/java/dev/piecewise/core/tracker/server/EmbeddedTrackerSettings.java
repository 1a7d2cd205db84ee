package dev.piecewise.core.tracker.server;

import java.time.Duration;

/**
 * How the embedded tracker paces its peers.
 *
 * @param interval       the regular announce interval it asks for
 * @param minInterval    the shortest wait it allows between announces
 * @param peerTimeout    how long a peer that stops announcing is still handed out
 * @param defaultNumWant peers per answer when the client does not say
 * @param maxNumWant     the most peers per answer, whatever the client asks
 */
public record EmbeddedTrackerSettings(Duration interval, Duration minInterval, Duration peerTimeout,
                                      int defaultNumWant, int maxNumWant) {

    public EmbeddedTrackerSettings {
        if (interval.isNegative() || interval.isZero() || minInterval.compareTo(interval) > 0
                || peerTimeout.compareTo(interval) < 0) {
            throw new IllegalArgumentException("need 0 < min interval <= interval <= peer timeout");
        }
        if (defaultNumWant < 0 || maxNumWant < defaultNumWant) {
            throw new IllegalArgumentException("need 0 <= default numwant <= max numwant");
        }
    }

    /**
     * For local swarms: a one-minute interval (new peers are found quickly), 15 s minimum, peers forgotten after three
     * missed announces, 50 peers per answer and at most 200.
     */
    public static EmbeddedTrackerSettings defaults() {
        return new EmbeddedTrackerSettings(Duration.ofMinutes(1), Duration.ofSeconds(15), Duration.ofMinutes(3), 50,
                200);
    }
}
