package dev.piecewise.api;

import java.time.Duration;
import java.util.Optional;

/**
 * What the core measures per torrent for strategy comparison.
 *
 * @param timeToFirstPiece      from start to the first verified piece, once there is one
 * @param timeToComplete        from start to the last verified piece, once complete
 * @param duplicateBytes        block bytes received more than once (end-game duplicates, late arrivals)
 * @param wastedBytes           block bytes thrown away: pieces that failed the hash, blocks never requested
 * @param cancelsSent           cancel messages sent
 * @param requestTimeouts       requests that timed out and were re-requested
 * @param hashFailures          pieces that failed verification
 * @param minAvailability       the lowest availability of a needed piece among connected peers now
 */
public record TorrentMetrics(Optional<Duration> timeToFirstPiece, Optional<Duration> timeToComplete,
                             long duplicateBytes, long wastedBytes, long cancelsSent, long requestTimeouts,
                             long hashFailures, int minAvailability) {
}
