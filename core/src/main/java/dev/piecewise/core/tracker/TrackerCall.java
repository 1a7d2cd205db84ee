package dev.piecewise.core.tracker;

import dev.piecewise.spi.tracker.TrackerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static dev.piecewise.spi.tracker.TrackerException.Reason.UNREACHABLE;

/**
 * One announce or scrape, on a virtual thread of its own so a slow tracker holds up nothing else. The call is
 * interrupted when it overruns its deadline or is abandoned, and its outcome is then that failure, whatever the
 * transport still returns.
 *
 * @param <T> what the call returns
 */
final class TrackerCall<T> {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerCall.class);

    /** What the transport is asked to do. */
    interface Work<T> {
        T run() throws TrackerException, InterruptedException;
    }

    /** Receives the outcome, on the call's thread: a value or a failure, never both. */
    interface Outcome<T> {
        void done(T value, TrackerException failure);
    }

    private static final String FINISHED = "finished";

    /** {@code null} while running, then {@link #FINISHED} or why the call was abandoned. */
    private final AtomicReference<String> end = new AtomicReference<>();
    // both set before the thread starts, which publishes them to it
    private Thread thread;
    private Scheduler.Scheduled deadline;

    private TrackerCall() {
    }

    /** Starts the call now; it is interrupted if it is still running after {@code timeout}. */
    static <T> TrackerCall<T> start(String name, Scheduler scheduler, Duration timeout, Work<T> work,
                                    Outcome<T> outcome) {
        var call = new TrackerCall<T>();
        call.thread = Thread.ofVirtual().name(name).unstarted(() -> call.run(name, work, outcome));
        call.deadline = scheduler.schedule(timeout, () -> call.abandon("no answer within " + describe(timeout)));
        call.thread.start();
        return call;
    }

    /** Ends the call early: its outcome becomes a failure with this message. Does nothing once it has ended. */
    void abandon(String why) {
        if (end.compareAndSet(null, why)) {
            thread.interrupt();
        }
    }

    private void run(String name, Work<T> work, Outcome<T> outcome) {
        T value = null;
        TrackerException failure = null;
        try {
            value = work.run();
        } catch (TrackerException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new TrackerException(UNREACHABLE, "interrupted", e);
        } catch (RuntimeException e) {
            LOG.warn("{}: the tracker transport failed", name, e);
            failure = new TrackerException(UNREACHABLE, "the tracker transport failed: " + e, e);
        }
        deadline.cancel();
        if (!end.compareAndSet(null, FINISHED)) {
            value = null;
            failure = new TrackerException(UNREACHABLE, end.get());
        }
        Thread.interrupted(); // an abandoned call's outcome is already decided; its interrupt has served
        outcome.done(value, failure);
    }

    static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
