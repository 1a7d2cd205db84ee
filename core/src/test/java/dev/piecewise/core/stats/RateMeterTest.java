package dev.piecewise.core.stats;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateMeterTest {

    private static final long T0 = 1_000_000;

    @Test
    void steadyFlowReadsAsItsRate() {
        var meter = new RateMeter(T0);
        for (long t = 0; t < 60_000; t += 100) {
            meter.add(1_000, T0 + t); // 10 kB/s
        }
        assertEquals(10_000, meter.rate(T0 + 60_000), 10_000 * 0.06);
        assertEquals(600_000, meter.total());
    }

    @Test
    void aNewMeterIsNotDilutedByTimeBeforeItStarted() {
        var meter = new RateMeter(T0);
        for (long t = 0; t < 5_000; t += 100) {
            meter.add(5_000, T0 + t); // 50 kB/s for 5 s
        }
        assertEquals(50_000, meter.rate(T0 + 5_000), 50_000 * 0.03);
    }

    @Test
    void theFirstSlotCountsAsAWholeSlot() {
        var meter = new RateMeter(T0);
        meter.add(16_384, T0 + 10);
        assertEquals(16_384, meter.rate(T0 + 20), 1e-9, "a burst in the first 20 ms is not 800 kB/s");
    }

    @Test
    void bytesLeaveTheWindowAsItSlides() {
        var meter = new RateMeter(T0);
        meter.add(20_000, T0 + 500);              // slot 0
        meter.add(40_000, T0 + 30_500);           // slot 30, long after
        double both = meter.rate(T0 + 30_900);    // slot 0 left the window at 20 s
        assertEquals(40_000 / 19.9, both, 1e-6);
        assertEquals(40_000 / 19.0, meter.rate(T0 + 49_000), 1e-6, "slot 30 still inside the window ending at 49 s");
        assertEquals(0, meter.rate(T0 + 50_500), "slot 30 out of the window ending at 50.5 s");
    }

    @Test
    void anIdleMeterDecaysToZeroAndRecovers() {
        var meter = new RateMeter(T0);
        for (long t = 0; t < 20_000; t += 1_000) {
            meter.add(10_000, T0 + t);
        }
        double busy = meter.rate(T0 + 20_000);
        double halfIdle = meter.rate(T0 + 30_000);
        assertTrue(halfIdle < busy && halfIdle > 0, busy + " then " + halfIdle);
        assertEquals(0, meter.rate(T0 + 40_000));
        assertEquals(0, meter.rate(T0 + 3_600_000), "an hour idle: every slot is stale");

        meter.add(7_000, T0 + 3_600_000);
        assertEquals(7_000 / 19.0, meter.rate(T0 + 3_600_000), 1e-6, "only the new bytes count");
    }

    @Test
    void aSlotReusedAfterAFullTurnForgetsItsOldBytes() {
        var meter = new RateMeter(T0);
        meter.add(1_000_000, T0 + 2_000);  // slot 2
        meter.add(500, T0 + 22_000);       // slot 22 lands in the same array cell
        assertEquals(500 / 19.0, meter.rate(T0 + 22_000), 1e-6);
    }

    @Test
    void lateBytesForASlotThatLeftTheWindowAreDropped() {
        var meter = new RateMeter(T0);
        meter.add(1_000, T0 + 25_000);    // slot 25
        meter.add(9_999, T0 + 5_000);     // a caller that read the clock 20 s ago: slot 5, same cell
        assertEquals(1_000 / 19.0, meter.rate(T0 + 25_000), 1e-6);
        assertEquals(10_999, meter.total(), "the total still counts them");
    }

    @Test
    void aReaderSlightlyBehindAWriterIgnoresTheFutureSlot() {
        var meter = new RateMeter(T0);
        meter.add(4_000, T0 + 40_000);
        meter.add(1_000, T0 + 41_000);
        assertEquals(4_000 / 19.5, meter.rate(T0 + 40_500), 1e-6);
    }

    @Test
    void remembersWhenBytesLastArrived() {
        var meter = new RateMeter(T0);
        assertEquals(RateMeter.NEVER, meter.lastAddMillis());
        meter.add(0, T0 + 10);
        assertEquals(RateMeter.NEVER, meter.lastAddMillis(), "nothing was added");
        meter.add(100, T0 + 2_000);
        meter.add(100, T0 + 1_500);
        assertEquals(T0 + 2_000, meter.lastAddMillis());
    }

    @Test
    void customWindowAndSlots() {
        var meter = new RateMeter(Duration.ofSeconds(5), Duration.ofMillis(500), 0);
        for (long t = 0; t < 10_000; t += 250) {
            meter.add(250, t); // 1 kB/s
        }
        assertEquals(1_000, meter.rate(10_000), 1e-6);
        assertEquals(0, meter.rate(15_000));
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(Duration.ofSeconds(5), Duration.ZERO, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RateMeter(Duration.ofSeconds(5), Duration.ofSeconds(2), 0));
    }

    @Test
    void aSlotSaturatesInsteadOfOverflowing() {
        var meter = new RateMeter(0);
        meter.add(RateMeter.MAX_SLOT_BYTES, 0);
        meter.add(RateMeter.MAX_SLOT_BYTES, 0);
        assertEquals(RateMeter.MAX_SLOT_BYTES, meter.rate(0), 1);
    }

    @Test
    void concurrentWritersLoseNoBytes() throws InterruptedException {
        var meter = new RateMeter(0);
        int threads = 4;
        int addsPerThread = 50_000;
        var start = new CountDownLatch(1);
        var done = new CountDownLatch(threads);
        var workers = new ArrayList<Thread>();
        for (int w = 0; w < threads; w++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < addsPerThread; i++) {
                        meter.add(3, i % 10_000); // ten seconds of slots, hit in every order
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }));
        }
        start.countDown();
        assertTrue(done.await(20, TimeUnit.SECONDS), "writers finished");
        long expected = 3L * threads * addsPerThread;
        assertEquals(expected, meter.total());
        assertEquals(expected / 10.0, meter.rate(10_000), 1e-6, "window ending at 10 s spans exactly 10 s");
    }
}
