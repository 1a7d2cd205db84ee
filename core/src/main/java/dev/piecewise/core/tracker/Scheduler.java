package dev.piecewise.core.tracker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Time for the announcer: what time it is and running a task later. The engine uses {@link #of} over a real
 * executor; tests drive a manual one, so intervals of half an hour pass in microseconds.
 */
public interface Scheduler {

    /** A task that was scheduled and may still be cancelled. */
    interface Scheduled {
        /** Keeps the task from running if it has not started; does nothing otherwise. */
        void cancel();
    }

    Instant now();

    /** Runs the task once after the delay. Tasks must be short and must not block. */
    Scheduled schedule(Duration delay, Runnable task);

    /** A scheduler over a real executor and clock. */
    static Scheduler of(ScheduledExecutorService executor, Clock clock) {
        return new Scheduler() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public Scheduled schedule(Duration delay, Runnable task) {
                var future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }
        };
    }
}
