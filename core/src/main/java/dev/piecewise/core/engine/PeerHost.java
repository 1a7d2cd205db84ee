package dev.piecewise.core.engine;

import dev.piecewise.api.InfoHash;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.TorrentState;
import dev.piecewise.core.peer.ConnectedToSelfException;
import dev.piecewise.core.peer.Established;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A torrent among peers, whether it runs ({@link Torrent}) or, added by magnet link, still fetches its metadata
 * ({@link MetadataFetch}): its lock, the peers it knows and how it dials them, and what the session's listen port and
 * timer ask of it. Fields are guarded by the lock unless noted.
 */
abstract class PeerHost {

    private static final Logger log = LoggerFactory.getLogger(PeerHost.class);

    /** Told when a torrent's state changes (the session announces and saves on these). */
    interface Listener {
        void stateChanged(TorrentState from, TorrentState to);
    }

    final EngineContext context;
    final InfoHash infoHash;
    final ReentrantLock lock = new ReentrantLock();
    final PeerDirectory directory;
    /** Signalled whenever the state changes or something waited for happens. */
    final Condition changed = lock.newCondition();
    private final Listener listener;
    TorrentState state = TorrentState.PAUSED;
    /** Why it stopped, in {@link TorrentState#ERROR}. */
    String error;
    /** Dials under way. */
    int dialling;
    private final AtomicBoolean ticking = new AtomicBoolean();

    PeerHost(EngineContext context, InfoHash infoHash, Listener listener) {
        this.context = context;
        this.infoHash = infoHash;
        this.listener = listener;
        this.directory = new PeerDirectory(context.settings().retryBase().toMillis());
    }

    /** Monotonic milliseconds, the clock of rates, the choker and the directory. */
    static long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    InfoHash infoHash() {
        return infoHash;
    }

    /** The short id users type: the first 8 hex digits of the info-hash. */
    String shortId() {
        return infoHash.hex().substring(0, 8);
    }

    TorrentState state() {
        return locked(() -> state);
    }

    Optional<String> error() {
        return locked(() -> Optional.ofNullable(error));
    }

    /** Moves to {@code to}, wakes the waiters and tells the listener. Under the lock. */
    final void setState(TorrentState to) {
        TorrentState from = state;
        state = to;
        changed.signalAll();
        if (from != to) {
            listener.stateChanged(from, to);
        }
    }

    /**
     * Waits until {@code reached} (checked under the lock whenever {@link #changed} is signalled), or the timeout;
     * returns whether it was reached.
     *
     * @throws PiecewiseException when the torrent fails or is removed meanwhile
     */
    final boolean await(BooleanSupplier reached, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!reached.getAsBoolean()) {
                if (state == TorrentState.ERROR) {
                    throw new PiecewiseException("torrent " + shortId() + " failed: " + error);
                }
                if (state == TorrentState.REMOVED) {
                    throw new PiecewiseException("torrent " + shortId() + " was removed");
                }
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Once a second: time out, dial, and whatever else the torrent does regularly. */
    abstract void tick();

    /**
     * Runs {@link #tick} on a virtual thread of its own unless one is still running, so that a torrent whose lock
     * is held by a plugin that does not return holds up neither the timer nor the other torrents.
     */
    final void tickSoon() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("tick " + shortId()).start(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                log.error("ticking torrent {} failed", this, e);
            } finally {
                ticking.set(false);
            }
        });
    }

    /** The watchdog (its own thread, once a second, never under the lock) looks at the plugin calls under way. */
    void watchPlugins() {
    }

    /** Whether it exchanges messages with peers now. Under the lock. */
    abstract boolean running();

    /** The peers connected now. Under the lock. */
    abstract int connectedCount();

    /**
     * Starts exchanging messages with a peer whose handshake is complete, or refuses it (see {@link #refuse}).
     *
     * @param underLock runs first under the lock (it books the end of a dial)
     */
    abstract void attach(Established established, String source, Runnable underLock);

    /** Whether an incoming connection may be taken: running and below the caps (which it then counts against). */
    final boolean acceptsIncoming() {
        return locked(() -> running() && connectedCount() + dialling < context.settings().maxPeersPerTorrent()
                && context.slots().tryAcquire());
    }

    /** Takes over an incoming connection whose handshake is complete (its slot was taken by acceptsIncoming). */
    final void attachIncoming(Established established) {
        attach(established, "incoming", () -> { });
    }

    /**
     * Learns of peers (from a tracker, say) and dials as many as there is room for at once: a tracker's first answer
     * should not wait for the next tick, which costs up to a second at the start of every download.
     */
    void addPeers(List<InetSocketAddress> addresses, String source) {
        dialAll(locked(() -> {
            addresses.forEach(address -> directory.add(address, source));
            return running() ? peersToDial(nowMillis()) : List.<InetSocketAddress>of();
        }));
    }

    /**
     * Dials a peer now, whatever the caps and backoff say: the user asked for it. While the torrent checks its data or
     * is paused, the peer is remembered and dialled once it runs.
     */
    final void connect(InetSocketAddress address) {
        boolean dial = locked(() -> {
            if (!running()) {
                directory.add(address, "manual");
                return false;
            }
            return directory.dialNow(address, "manual");
        });
        if (dial) {
            context.slots().acquireAnyway();
            dial(address, "manual");
        }
    }

    /**
     * The peers to dial now, marked as being dialled: as many as the torrent's cap leaves room for, each with a slot
     * of the session's. Under the lock.
     */
    final List<InetSocketAddress> peersToDial(long nowMillis) {
        List<InetSocketAddress> toDial = new ArrayList<>();
        InetSocketAddress next;
        while (connectedCount() + dialling + toDial.size() < context.settings().maxPeersPerTorrent()
                && (next = directory.nextToDial(nowMillis)) != null) {
            if (!context.slots().tryAcquire()) {
                directory.failed(next, nowMillis);
                break;
            }
            toDial.add(next);
        }
        return toDial;
    }

    /** Dials each peer (whose slot is taken) with the source it is known by. Not under the lock. */
    final void dialAll(List<InetSocketAddress> addresses) {
        addresses.forEach(address -> dial(address, locked(() -> directory.source(address))));
    }

    /** Dials a peer whose slot is taken, on a thread of its own; the outcome is booked in the directory. */
    final void dial(InetSocketAddress address, String source) {
        locked(() -> dialling++);
        Thread.ofVirtual().name("dial " + address).start(() -> {
            try {
                Established established = context.handshaker().connect(address, infoHash);
                attach(established, source, () -> dialling--);
            } catch (ConnectedToSelfException e) {
                context.slots().release();
                locked(() -> {
                    dialling--;
                    directory.self(address);
                });
            } catch (IOException | RuntimeException e) {
                log.debug("{}: dialling {} failed: {}", shortId(), address, e.toString());
                context.slots().release();
                locked(() -> {
                    dialling--;
                    directory.failed(address, nowMillis());
                    dialFailed(address, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
                });
            }
        });
    }

    /** A peer could not be reached (under the lock); a fetch shows it among the peers tried. */
    void dialFailed(InetSocketAddress address, String why) {
    }

    /** Closes a connection {@link #attach} does not take, releasing its slot. Under the lock. */
    final void refuse(Established established, String refusal) {
        log.debug("{}: refused {}: {}", shortId(), established.address(), refusal);
        try {
            established.channel().close();
        } catch (IOException e) {
            log.debug("closing {} failed", established.address(), e);
        }
        context.slots().release();
        if (!established.incoming()) {
            directory.failed(established.address(), nowMillis());
        }
    }

    final void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    final <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
