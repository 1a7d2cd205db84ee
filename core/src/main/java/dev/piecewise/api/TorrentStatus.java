package dev.piecewise.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of one torrent.
 *
 * @param state          where the torrent is
 * @param error          why it stopped, in {@link TorrentState#ERROR}
 * @param totalBytes     the size of the torrent's payload
 * @param verifiedBytes  bytes in verified pieces
 * @param piecesTotal    the number of pieces
 * @param piecesVerified pieces we have, verified
 * @param downloadRate   payload bytes per second received recently
 * @param uploadRate     payload bytes per second sent recently
 * @param downloaded     payload bytes received this session
 * @param uploaded       payload bytes sent this session
 * @param peers          connected peers
 * @param seeds          connected peers that have everything
 * @param eta            time to completion at the current rate, if it can be estimated
 * @param strategy       the strategy in effect
 * @param choking        the choking policy in effect
 * @param metrics        what the strategies and the comparison measure
 * @param metadata       for a torrent added by magnet link whose metadata is not known yet: how fetching it goes
 *                       (sizes and pieces above are then 0)
 */
public record TorrentStatus(TorrentState state, Optional<String> error, long totalBytes, long verifiedBytes,
                            int piecesTotal, int piecesVerified, double downloadRate, double uploadRate,
                            long downloaded, long uploaded, int peers, int seeds, Optional<Duration> eta,
                            Selection strategy, Selection choking, TorrentMetrics metrics,
                            Optional<MetadataProgress> metadata) {

    /** A torrent whose metadata is known. */
    public TorrentStatus(TorrentState state, Optional<String> error, long totalBytes, long verifiedBytes,
                         int piecesTotal, int piecesVerified, double downloadRate, double uploadRate,
                         long downloaded, long uploaded, int peers, int seeds, Optional<Duration> eta,
                         Selection strategy, Selection choking, TorrentMetrics metrics) {
        this(state, error, totalBytes, verifiedBytes, piecesTotal, piecesVerified, downloadRate, uploadRate,
                downloaded, uploaded, peers, seeds, eta, strategy, choking, metrics, Optional.empty());
    }

    /** Verified progress from 0 to 1. */
    public double progress() {
        return metadata.isPresent() ? 0 : totalBytes == 0 ? 1 : (double) verifiedBytes / totalBytes;
    }
}
