package dev.piecewise.core.engine;

import dev.piecewise.core.peer.Handshaker;
import dev.piecewise.core.peer.PeerConnection;
import dev.piecewise.core.stats.RateLimiter;
import dev.piecewise.core.wire.BlockSource;
import dev.piecewise.core.wire.WireBuffers;
import dev.piecewise.core.wire.WireLimits;

import java.io.InterruptedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the torrents of one session share: settings, the handshaker that dials peers, the buffer pool, the timer
 * that ticks torrents and enforces deadlines, the hashing pool, the connection cap and our listen port.
 */
final class EngineContext {

    private final EngineSettings settings;
    private final Handshaker handshaker;
    private final WireBuffers buffers = WireBuffers.create();
    private final ScheduledExecutorService timer;
    private final ExecutorService hashing;
    private final ConnectionSlots slots;
    private final int listenPort;
    /** The session's upload cap, shared by every connection's writer; a block may go at once after an idle time. */
    private final RateLimiter uploadLimit;

    EngineContext(EngineSettings settings, Handshaker handshaker, ScheduledExecutorService timer,
                  ExecutorService hashing, int listenPort) {
        this.settings = settings;
        this.handshaker = handshaker;
        this.timer = timer;
        this.hashing = hashing;
        this.slots = new ConnectionSlots(settings.maxConnections());
        this.listenPort = listenPort;
        this.uploadLimit = new RateLimiter(settings.uploadLimit(), WireLimits.MAX_BLOCK, System::nanoTime);
    }

    EngineSettings settings() {
        return settings;
    }

    Handshaker handshaker() {
        return handshaker;
    }

    WireBuffers buffers() {
        return buffers;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    ExecutorService hashing() {
        return hashing;
    }

    ConnectionSlots slots() {
        return slots;
    }

    int listenPort() {
        return listenPort;
    }

    /**
     * {@code source} behind the session's upload cap: each block waits its turn on the writer's thread (never under a
     * torrent's lock), so a capped session sends at its rate and its peers' queues fill as with a slow link.
     */
    BlockSource capped(BlockSource source) {
        if (settings.uploadLimit() == 0) {
            return source;
        }
        return (piece, begin, length, target) -> {
            try {
                uploadLimit.acquire(length);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the upload cap");
            }
            source.transferBlock(piece, begin, length, target);
        };
    }

    PeerConnection.Settings connectionSettings() {
        return new PeerConnection.Settings(PeerConnection.Settings.DEFAULT.maxQueuedMessages(),
                settings.maxQueuedUploads(), PeerConnection.Settings.DEFAULT.keepAlive());
    }
}
