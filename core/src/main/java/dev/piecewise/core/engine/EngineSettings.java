package dev.piecewise.core.engine;

import java.time.Duration;

/**
 * The engine's limits and timeouts.
 *
 * @param maxPeersPerTorrent  connections per torrent, both directions
 * @param maxConnections      connections in total, both directions, dialling included
 * @param connectTimeout      to open a connection, and again to complete a handshake
 * @param idleTimeout         a peer that sends nothing (not even a keep-alive) this long is dropped
 * @param requestTimeout      a peer that sends no block this long while our requests are outstanding has them taken
 *                            back (they go to other peers)
 * @param retryBase           the wait before dialling a peer again after a first failure (doubling after each)
 * @param resumeSaveInterval  how often the resume state is saved while pieces complete
 * @param maxQueuedUploads    blocks a peer may have queued with us; advertised as {@code reqq}
 * @param uploadLimit         payload bytes per second the whole session uploads at most, 0 for no cap
 * @param freeRider           never unchoke anybody, so never upload: a free rider, for the comparison lab
 * @param tickInterval        how often every torrent rechokes, takes back stalled requests, dials more peers and
 *                            saves its resume state when due
 */
public record EngineSettings(int maxPeersPerTorrent, int maxConnections, Duration connectTimeout,
                             Duration idleTimeout, Duration requestTimeout, Duration retryBase,
                             Duration resumeSaveInterval, int maxQueuedUploads, long uploadLimit, boolean freeRider,
                             Duration tickInterval) {

    public static final EngineSettings DEFAULT = new EngineSettings(50, 500, Duration.ofSeconds(10),
            Duration.ofMinutes(3), Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(10), 512, 0,
            false, Duration.ofSeconds(1));

    public EngineSettings {
        if (uploadLimit < 0) {
            throw new IllegalArgumentException("an upload limit cannot be negative: " + uploadLimit);
        }
        if (tickInterval.toMillis() < 1) {
            throw new IllegalArgumentException("the tick interval must be a millisecond or more: " + tickInterval);
        }
    }

    /** These settings with the session's uploads capped at {@code bytesPerSecond} (0 for no cap). */
    public EngineSettings withUploadLimit(long bytesPerSecond) {
        return new EngineSettings(maxPeersPerTorrent, maxConnections, connectTimeout, idleTimeout, requestTimeout,
                retryBase, resumeSaveInterval, maxQueuedUploads, bytesPerSecond, freeRider, tickInterval);
    }

    /** These settings for a session that never uploads. */
    public EngineSettings asFreeRider() {
        return new EngineSettings(maxPeersPerTorrent, maxConnections, connectTimeout, idleTimeout, requestTimeout,
                retryBase, resumeSaveInterval, maxQueuedUploads, uploadLimit, true, tickInterval);
    }

    /** These settings with torrents ticking every {@code interval}. */
    public EngineSettings withTickInterval(Duration interval) {
        return new EngineSettings(maxPeersPerTorrent, maxConnections, connectTimeout, idleTimeout, requestTimeout,
                retryBase, resumeSaveInterval, maxQueuedUploads, uploadLimit, freeRider, interval);
    }
}
