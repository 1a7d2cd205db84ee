package dev.piecewise.core.stats;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Caps a flow of bytes at a rate, with a burst allowance: a token bucket kept as one "theoretical arrival time"
 * (the generic cell rate algorithm). Callers reserve bytes in turn under a short lock and then wait, outside the
 * lock, for as long as their reservation says; so whoever asks first is served first, and no thread holds the lock
 * while it sleeps (virtual threads block freely on it).
 *
 * <p>The engine puts one limiter on each upload path that needs a cap (a session, a torrent); the lab swarm uses it to
 * give each simulated user its own upload capacity.
 */
public final class RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}; 0 = no limit. */
    private long bytesPerSecond;
    /** Guarded by {@link #lock}: how many bytes may go at once after an idle time. */
    private long burstBytes;
    /** Guarded by {@link #lock}: when the bytes reserved so far have all been paid for at the rate. */
    private long paidUntilNanos;

    /**
     * @param bytesPerSecond the cap, 0 for none
     * @param burstBytes     how much may go at once after an idle time (at least one block makes sense)
     * @param nanoClock      a monotonic clock in nanoseconds ({@link System#nanoTime} in the engine)
     */
    public RateLimiter(long bytesPerSecond, long burstBytes, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        set(bytesPerSecond, burstBytes);
        this.paidUntilNanos = nanoClock.getAsLong();
    }

    /** Changes the cap (0 for none) and the burst; reservations already made stand. */
    public void set(long bytesPerSecond, long burstBytes) {
        if (bytesPerSecond < 0 || burstBytes < 0) {
            throw new IllegalArgumentException("a rate and a burst cannot be negative: " + bytesPerSecond + ", "
                    + burstBytes);
        }
        lock.lock();
        try {
            this.bytesPerSecond = bytesPerSecond;
            this.burstBytes = burstBytes;
        } finally {
            lock.unlock();
        }
    }

    /** The cap in bytes per second, 0 for none. */
    public long bytesPerSecond() {
        lock.lock();
        try {
            return bytesPerSecond;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code bytes} may go at the cap; returns at once without a cap. */
    public void acquire(long bytes) throws InterruptedException {
        long waitNanos = reserve(bytes);
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    /**
     * Reserves {@code bytes} and says how long to wait before sending them: 0 while within the burst allowance.
     * Later reservations queue behind this one.
     */
    public long reserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes cannot be negative: " + bytes);
        }
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            if (bytesPerSecond == 0) {
                paidUntilNanos = now;
                return 0;
            }
            // payment starts now at the earliest, so an idle limiter saves up nothing beyond the burst tolerance
            paidUntilNanos = Math.max(paidUntilNanos, now) + nanosFor(bytes);
            return Math.max(0, paidUntilNanos - nanosFor(burstBytes) - now);
        } finally {
            lock.unlock();
        }
    }

    private long nanosFor(long bytes) {
        // exact while bytes * 1e9 fits in a long (up to 9 GB at once), else in floating point
        return bytes <= Long.MAX_VALUE / NANOS_PER_SECOND ? bytes * NANOS_PER_SECOND / bytesPerSecond
                : (long) ((double) bytes * NANOS_PER_SECOND / bytesPerSecond);
    }
}
