package dev.piecewise.core.tracker.server;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.TrackerServer;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client's embedded tracker: at most one runs, it is started on demand on 127.0.0.1, and it stops with the client.
 * The session delegates {@code Client.startTracker} and {@code Client.tracker} here.
 */
public final class TrackerService implements AutoCloseable {

    private final ReentrantLock lock = new ReentrantLock();
    private final EmbeddedTrackerSettings settings;
    private final Clock clock;
    private EmbeddedTracker running;

    public TrackerService(EmbeddedTrackerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Starts the tracker on 127.0.0.1.
     *
     * @param port the port for HTTP and UDP; 0 picks one free for both
     * @throws PiecewiseException for an invalid or taken port, or when a tracker already runs
     */
    public TrackerServer start(int port) {
        if (port < 0 || port > 65_535) {
            throw new PiecewiseException("a port is a number from 0 to 65535, not " + port);
        }
        lock.lock();
        try {
            if (running != null && running.isRunning()) {
                throw new PiecewiseException("a tracker already runs on port " + running.port()
                        + "; stop it before starting another");
            }
            running = EmbeddedTracker.start(InetAddress.getLoopbackAddress(), port, settings, clock);
            return running;
        } catch (IOException e) {
            throw new PiecewiseException("cannot start the tracker: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** The tracker, while it runs. */
    public Optional<TrackerServer> current() {
        lock.lock();
        try {
            return running != null && running.isRunning() ? Optional.of(running) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (running != null) {
                running.close();
                running = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
