package dev.piecewise.core.engine;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The peers a torrent knows of, by address and port (never address alone: on loopback or behind a NAT many peers
 * share an address), and what became of each: waiting to be dialled, connected, failing (retried with a growing
 * delay, then forgotten), ourselves, or banned. Bounded: when full, the longest-failing candidates make room.
 *
 * <p>Not thread-safe: used under the torrent's lock. Time is passed in.
 */
final class PeerDirectory {

    static final int MAX_CANDIDATES = 2000;
    static final int MAX_ATTEMPTS = 6;
    /** A connection that lasted this long was a good one: its failures are forgiven. */
    static final long GOOD_CONNECTION_MILLIS = 60_000;

    private enum Status { WAITING, CONNECTING, CONNECTED, SELF, BANNED }

    private static final class Entry {
        final String source;
        Status status = Status.WAITING;
        int failures;
        long retryAtMillis;
        long connectedAtMillis;

        Entry(String source) {
            this.source = source;
        }
    }

    private final Map<InetSocketAddress, Entry> entries = new LinkedHashMap<>();
    private final long retryBaseMillis;

    /** @param retryBaseMillis the wait after a first failure; it doubles with each further one */
    PeerDirectory(long retryBaseMillis) {
        this.retryBaseMillis = retryBaseMillis;
    }

    /** Learns of a peer; returns whether it is new. Known peers keep their state. */
    boolean add(InetSocketAddress address, String source) {
        if (entries.containsKey(address)) {
            return false;
        }
        if (entries.size() >= MAX_CANDIDATES && !makeRoom()) {
            return false;
        }
        entries.put(address, new Entry(source));
        return true;
    }

    /** The next peer worth dialling now, if any; it is marked as being dialled. */
    InetSocketAddress nextToDial(long nowMillis) {
        for (var entry : entries.entrySet()) {
            Entry e = entry.getValue();
            if (e.status == Status.WAITING && e.retryAtMillis <= nowMillis) {
                e.status = Status.CONNECTING;
                return entry.getKey();
            }
        }
        return null;
    }

    /**
     * Marks a peer the user asked for as being dialled, whatever its backoff.
     *
     * @return {@code false} when it is connected, being dialled, ourselves or banned
     */
    boolean dialNow(InetSocketAddress address, String source) {
        add(address, source);
        Entry e = entries.get(address);
        if (e == null || e.status != Status.WAITING) {
            return false;
        }
        e.status = Status.CONNECTING;
        return true;
    }

    String source(InetSocketAddress address) {
        Entry e = entries.get(address);
        return e == null ? "incoming" : e.source;
    }

    /** A connection to the peer is established (dialled, or it connected to us from this listen address). */
    void connected(InetSocketAddress address, String source, long nowMillis) {
        add(address, source);
        Entry e = entries.get(address);
        if (e != null && e.status != Status.BANNED) {
            e.status = Status.CONNECTED;
            e.connectedAtMillis = nowMillis;
        }
    }

    /** Dialling failed. */
    void failed(InetSocketAddress address, long nowMillis) {
        Entry e = entries.get(address);
        if (e != null && e.status == Status.CONNECTING) {
            retryLater(address, e, nowMillis);
        }
    }

    /** A connection ended. */
    void disconnected(InetSocketAddress address, long nowMillis) {
        Entry e = entries.get(address);
        if (e != null && e.status == Status.CONNECTED) {
            if (nowMillis - e.connectedAtMillis >= GOOD_CONNECTION_MILLIS) {
                e.failures = 0;
            }
            retryLater(address, e, nowMillis);
        }
    }

    /** The address is our own listen port. */
    void self(InetSocketAddress address) {
        Entry e = entries.computeIfAbsent(address, a -> new Entry("self"));
        e.status = Status.SELF;
    }

    void ban(InetSocketAddress address) {
        Entry e = entries.computeIfAbsent(address, a -> new Entry("banned"));
        e.status = Status.BANNED;
    }

    boolean banned(InetSocketAddress address) {
        Entry e = entries.get(address);
        return e != null && e.status == Status.BANNED;
    }

    /** Whether we are connected to, or dialling, this peer. */
    boolean busy(InetSocketAddress address) {
        Entry e = entries.get(address);
        return e != null && (e.status == Status.CONNECTED || e.status == Status.CONNECTING);
    }

    /** After a pause, everyone may be dialled again at once (bans and ourselves stay). */
    void reset() {
        for (Entry e : entries.values()) {
            if (e.status != Status.BANNED && e.status != Status.SELF) {
                e.status = Status.WAITING;
                e.failures = 0;
                e.retryAtMillis = 0;
            }
        }
    }

    int size() {
        return entries.size();
    }

    /** The peers worth dialling again, in the order they were learned, each with how we learned of it. */
    Map<InetSocketAddress, String> known() {
        Map<InetSocketAddress, String> known = new LinkedHashMap<>();
        entries.forEach((address, entry) -> {
            if (entry.status != Status.SELF && entry.status != Status.BANNED) {
                known.put(address, entry.source);
            }
        });
        return known;
    }

    private void retryLater(InetSocketAddress address, Entry e, long nowMillis) {
        e.failures++;
        if (e.failures >= MAX_ATTEMPTS) {
            entries.remove(address);
            return;
        }
        e.status = Status.WAITING;
        e.retryAtMillis = nowMillis + (retryBaseMillis << (e.failures - 1));
    }

    /** Forgets the waiting candidate with the most failures; returns whether one was found. */
    private boolean makeRoom() {
        InetSocketAddress worst = null;
        int worstFailures = -1;
        for (Iterator<Map.Entry<InetSocketAddress, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getValue().status == Status.WAITING && entry.getValue().failures > worstFailures) {
                worst = entry.getKey();
                worstFailures = entry.getValue().failures;
            }
        }
        if (worst == null) {
            return false;
        }
        entries.remove(worst);
        return true;
    }
}
