package dev.piecewise.core.stats;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(5 * SECOND);

    @Test
    void aBurstGoesAtOnceThenEveryByteWaitsItsTurnAtTheRate() {
        var limiter = new RateLimiter(16_384, 32_768, clock::get);

        assertEquals(0, limiter.reserve(16_384), "within the burst");
        assertEquals(0, limiter.reserve(16_384), "still within the burst");
        assertEquals(SECOND, limiter.reserve(16_384), "one second's worth beyond the burst");
        assertEquals(2 * SECOND, limiter.reserve(16_384), "queued behind the previous reservation");
    }

    @Test
    void overALongRunTheThroughputIsTheRate() {
        var limiter = new RateLimiter(100_000, 16_384, clock::get);
        long sent = 0;
        long start = clock.get();
        for (int i = 0; i < 1_000; i++) {
            clock.addAndGet(limiter.reserve(16_384));
            sent += 16_384;
        }
        double seconds = (clock.get() - start) / (double) SECOND;
        assertEquals(100_000, (sent - 16_384) / seconds, 1, "bytes per second beyond the first burst");
    }

    @Test
    void anIdleLimiterSavesUpOneBurstOnly() {
        var limiter = new RateLimiter(10_000, 20_000, clock::get);
        clock.addAndGet(3_600 * SECOND);

        assertEquals(0, limiter.reserve(20_000));
        assertEquals(SECOND / 2, limiter.reserve(5_000), "an hour idle bought no more than the burst");
    }

    @Test
    void withoutACapNothingWaitsAndTheCapCanChange() {
        var limiter = new RateLimiter(0, 0, clock::get);
        assertEquals(0, limiter.reserve(1L << 40));

        limiter.set(1_000, 0);
        assertEquals(1_000, limiter.bytesPerSecond());
        assertEquals(2 * SECOND, limiter.reserve(2_000));
        assertThrows(IllegalArgumentException.class, () -> limiter.set(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> limiter.reserve(-1));
    }
}
