package dev.piecewise.core.tracker;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/** A scheduler whose time moves only when a test advances it; due tasks then run on the test's thread. */
final class ManualScheduler implements Scheduler {

    private record Task(Instant due, long sequence, Runnable action, boolean[] cancelled) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.due.equals(b.due)
            ? Long.compare(a.sequence, b.sequence) : a.due.compareTo(b.due));
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");
    private long sequence;

    @Override
    public Instant now() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable action) {
        lock.lock();
        try {
            boolean[] cancelled = {false};
            queue.add(new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, action, cancelled));
            return () -> {
                lock.lock();
                try {
                    cancelled[0] = true;
                } finally {
                    lock.unlock();
                }
            };
        } finally {
            lock.unlock();
        }
    }

    /** Moves time forward, running every task that falls due on the way, in order. */
    void advance(Duration duration) {
        Instant target = now().plus(duration);
        while (true) {
            Task task;
            lock.lock();
            try {
                task = queue.peek();
                if (task == null || task.due.isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                now = task.due;
                if (task.cancelled[0]) {
                    continue;
                }
            } finally {
                lock.unlock();
            }
            task.action.run();
        }
    }
}
