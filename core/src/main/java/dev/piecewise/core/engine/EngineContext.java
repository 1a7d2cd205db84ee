package dev.piecewise.core.engine;

import dev.piecewise.core.peer.Handshaker;
import dev.piecewise.core.peer.PeerConnection;
import dev.piecewise.core.wire.BufferPool;
import dev.piecewise.core.wire.WireLimits;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the torrents of one session share: settings, the handshaker that dials peers, the buffer pool, the timer
 * that ticks torrents and enforces deadlines, the hashing pool, the connection cap and our listen port.
 */
final class EngineContext {

    private final EngineSettings settings;
    private final Handshaker handshaker;
    private final BufferPool buffers = new BufferPool(WireLimits.MAX_BLOCK);
    private final ScheduledExecutorService timer;
    private final ExecutorService hashing;
    private final ConnectionSlots slots;
    private final int listenPort;

    EngineContext(EngineSettings settings, Handshaker handshaker, ScheduledExecutorService timer,
                  ExecutorService hashing, int listenPort) {
        this.settings = settings;
        this.handshaker = handshaker;
        this.timer = timer;
        this.hashing = hashing;
        this.slots = new ConnectionSlots(settings.maxConnections());
        this.listenPort = listenPort;
    }

    EngineSettings settings() {
        return settings;
    }

    Handshaker handshaker() {
        return handshaker;
    }

    BufferPool buffers() {
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

    PeerConnection.Settings connectionSettings() {
        return new PeerConnection.Settings(PeerConnection.Settings.DEFAULT.maxQueuedMessages(),
                settings.maxQueuedUploads(), PeerConnection.Settings.DEFAULT.keepAlive());
    }
}
