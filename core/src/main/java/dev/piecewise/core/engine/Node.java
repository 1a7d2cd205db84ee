package dev.piecewise.core.engine;

import dev.piecewise.api.InfoHash;
import dev.piecewise.core.peer.Established;
import dev.piecewise.core.peer.Handshaker;
import dev.piecewise.core.peer.ListenSocket;
import dev.piecewise.core.wire.PeerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The peer-to-peer side of a session: our peer id, the listen port with incoming connections matched to torrents by
 * info-hash, the timer that ticks every torrent (once a second by default) and enforces deadlines, the watchdog that
 * unwinds plugin calls that do not return, and the hashing pool.
 */
final class Node implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Node.class);

    private final PeerId peerId;
    private final ScheduledExecutorService timer;
    /** Its own thread: the timer may wait for virtual threads, which a spinning plugin can keep off the carriers. */
    private final ScheduledExecutorService watchdog;
    private final ExecutorService hashing;
    private final Map<InfoHash, PeerHost> torrents = new ConcurrentHashMap<>();
    private final ListenSocket listen;
    private final EngineContext context;

    /**
     * Opens the listen port and starts ticking.
     *
     * @param port 0 for any free port
     * @throws dev.piecewise.api.PiecewiseException when the port cannot be opened
     */
    Node(EngineSettings settings, InetAddress bindAddress, int port) {
        var random = new SecureRandom();
        this.peerId = PeerId.generate(random);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("piecewise-timer")
                .factory());
        // hashing is CPU-bound: one platform thread per core
        this.hashing = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().daemon().name("piecewise-hash-", 1).factory());
        var handshaker = new Handshaker(peerId, bindAddress, timer, settings.connectTimeout());
        try {
            this.listen = ListenSocket.open(bindAddress, port, handshaker, new IncomingRouter());
        } catch (RuntimeException e) {
            timer.shutdownNow();
            hashing.shutdownNow();
            throw e;
        }
        this.context = new EngineContext(settings, handshaker, timer, hashing, listen.port());
        long tick = settings.tickInterval().toMillis();
        timer.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("piecewise-watchdog").factory());
        watchdog.scheduleAtFixedRate(this::watchPlugins, 1, 1, TimeUnit.SECONDS);
    }

    EngineContext context() {
        return context;
    }

    PeerId peerId() {
        return peerId;
    }

    int port() {
        return listen.port();
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * Makes a torrent reachable by incoming connections and ticked; it replaces what was registered for its info-hash
     * (a magnet torrent's metadata fetch, when the torrent itself takes over).
     */
    void register(PeerHost torrent) {
        torrents.put(torrent.infoHash(), torrent);
    }

    void unregister(PeerHost torrent) {
        torrents.remove(torrent.infoHash(), torrent);
    }

    private void tick() {
        for (PeerHost torrent : List.copyOf(torrents.values())) {
            torrent.tickSoon();
        }
    }

    private void watchPlugins() {
        for (PeerHost torrent : List.copyOf(torrents.values())) {
            torrent.watchPlugins();
        }
    }

    /** Stops accepting and ticking; the torrents must be stopped first. */
    @Override
    public void close() {
        listen.close();
        timer.shutdownNow();
        watchdog.shutdownNow();
        hashing.shutdownNow();
    }

    /** Matches incoming connections to torrents by info-hash. */
    private final class IncomingRouter implements Handshaker.Router {
        @Override
        public boolean wants(InfoHash infoHash, InetSocketAddress from) {
            PeerHost torrent = torrents.get(infoHash);
            return torrent != null && torrent.acceptsIncoming();
        }

        @Override
        public void attach(InfoHash infoHash, Established connection) {
            PeerHost torrent = torrents.get(infoHash);
            if (torrent != null) {
                torrent.attachIncoming(connection);
                return;
            }
            context.slots().release();
            try {
                connection.channel().close();
            } catch (IOException e) {
                log.debug("closing {} failed", connection.address(), e);
            }
        }
    }
}
