package dev.piecewise.testing;

import dev.piecewise.api.InfoHash;
import dev.piecewise.core.tracker.server.EmbeddedTracker;
import dev.piecewise.core.tracker.server.EmbeddedTrackerSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;

/**
 * Starts the real trackers transports are tested against. Outside the core, the embedded tracker's package must be
 * opened to the test ({@code --add-exports dev.piecewise.core/dev.piecewise.core.tracker.server=ALL-UNNAMED}).
 */
public final class RealTrackers {

    /** The trackers by name, for parameterized tests. */
    public static final String OPENTRACKER = "opentracker";
    public static final String EMBEDDED = "embedded";

    private RealTrackers() {
    }

    /**
     * Starts the named tracker for the given torrents.
     *
     * @param directory an empty directory it may use
     */
    public static TestTracker start(String name, Path directory, Collection<InfoHash> torrents)
            throws IOException, InterruptedException {
        return switch (name) {
            case OPENTRACKER -> OpenTracker.start(directory, torrents);
            case EMBEDDED -> embedded();
            default -> throw new IllegalArgumentException("no tracker named " + name);
        };
    }

    private static TestTracker embedded() throws IOException {
        var tracker = EmbeddedTracker.start(InetAddress.getLoopbackAddress(), 0, EmbeddedTrackerSettings.defaults(),
                Clock.systemUTC());
        return new TestTracker() {
            @Override
            public URI httpAnnounce() {
                return tracker.httpAnnounceUrl();
            }

            @Override
            public URI udpAnnounce() {
                return tracker.udpAnnounceUrl();
            }

            @Override
            public void close() {
                tracker.close();
            }
        };
    }
}
