package dev.piecewise.spi.tracker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tracker's answer to an announce. A failure reason is not an answer: transports throw
 * {@link TrackerException} for it.
 *
 * @param interval    how long to wait before the next regular announce
 * @param minInterval the shortest wait the tracker allows, if it says
 * @param trackerId   a tracker id to send back on the next announces, if it gave one
 * @param warning     a warning message to show the user, if any
 * @param peers       the peers it returned, IPv4 and IPv6 together
 * @param seeders     how many peers have the whole torrent (complete), if it says
 * @param leechers    how many peers are still downloading (incomplete), if it says
 */
public record AnnounceResponse(Duration interval, Optional<Duration> minInterval, Optional<String> trackerId,
                               Optional<String> warning, List<PeerAddress> peers, OptionalInt seeders,
                               OptionalInt leechers) {

    public AnnounceResponse {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(trackerId, "trackerId");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(seeders, "seeders");
        Objects.requireNonNull(leechers, "leechers");
        peers = List.copyOf(peers);
    }
}
