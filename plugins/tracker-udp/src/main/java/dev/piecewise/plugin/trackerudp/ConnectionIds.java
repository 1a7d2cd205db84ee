package dev.piecewise.plugin.trackerudp;

import java.net.InetSocketAddress;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The connection id each tracker gave us, kept for its lifetime (BEP 15: one minute). */
final class ConnectionIds {

    static final long LIFETIME_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** {@code requestedAt}: when the connect request was sent, so the minute never outlasts the tracker's. */
    private record Entry(long connectionId, long requestedAt) {
    }

    private final ConcurrentHashMap<InetSocketAddress, Entry> byTracker = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    ConnectionIds(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The tracker's connection id, if we have one that has not expired. */
    OptionalLong valid(InetSocketAddress tracker) {
        Entry entry = byTracker.get(tracker);
        if (entry == null) {
            return OptionalLong.empty();
        }
        if (nanoTime.getAsLong() - entry.requestedAt >= LIFETIME_NANOS) {
            byTracker.remove(tracker, entry);
            return OptionalLong.empty();
        }
        return OptionalLong.of(entry.connectionId);
    }

    /** Now, on the clock the lifetimes are measured with; remember the time a connect request was sent. */
    long now() {
        return nanoTime.getAsLong();
    }

    void remember(InetSocketAddress tracker, long connectionId, long requestedAt) {
        byTracker.put(tracker, new Entry(connectionId, requestedAt));
    }

    /** Drops a connection id the tracker may no longer accept (it stopped answering requests that carried it). */
    void forget(InetSocketAddress tracker, long connectionId) {
        byTracker.computeIfPresent(tracker, (t, e) -> e.connectionId == connectionId ? null : e);
    }

    void clear() {
        byTracker.clear();
    }
}
