package dev.piecewise.core.engine;

import java.util.concurrent.atomic.AtomicInteger;

/** The session's cap on connections, both directions and dialling included, shared by its torrents. */
final class ConnectionSlots {

    private final int max;
    private final AtomicInteger used = new AtomicInteger();

    ConnectionSlots(int max) {
        this.max = max;
    }

    /** Takes a slot if one is free. */
    boolean tryAcquire() {
        while (true) {
            int now = used.get();
            if (now >= max) {
                return false;
            }
            if (used.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Takes a slot even past the cap: for a connection the user asked for. */
    void acquireAnyway() {
        used.incrementAndGet();
    }

    void release() {
        used.decrementAndGet();
    }

    int used() {
        return used.get();
    }
}
