package dev.piecewise.plugin.trackerudp;

import dev.piecewise.spi.tracker.TrackerTransport;
import dev.piecewise.testing.LoopbackPorts;
import dev.piecewise.testing.RealTrackers;
import dev.piecewise.testing.TestTracker;
import dev.piecewise.testing.TrackerScenarios;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.piecewise.testing.TrackerRequests.infoHash;

/** The UDP transport against real trackers on 127.0.0.1: opentracker and Piecewise's embedded one. */
@Timeout(30)
class UdpTrackerInteropTest {

    private final TrackerTransport transport =
            new UdpTrackerTransport(new Retransmission(Duration.ofMillis(500), 2), Optional.empty(), System::nanoTime);
    private TestTracker tracker;

    private TestTracker start(String name, Path dir) throws Exception {
        tracker = RealTrackers.start(name, dir, List.of(infoHash(0x11), infoHash(0x22)));
        return tracker;
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        if (tracker != null) {
            tracker.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {RealTrackers.OPENTRACKER, RealTrackers.EMBEDDED})
    void peersSeeEachOtherAndAreCounted(String name, @TempDir Path dir) throws Exception {
        TrackerScenarios.peersSeeEachOtherAndAreCounted(transport, start(name, dir).udpAnnounce(), infoHash(0x11));
    }

    @ParameterizedTest
    @ValueSource(strings = {RealTrackers.OPENTRACKER, RealTrackers.EMBEDDED})
    void announcersFindEachOther(String name, @TempDir Path dir) throws Exception {
        URI dead = URI.create("udp://127.0.0.1:" + LoopbackPorts.freeTcpAndUdp() + "/announce");
        TrackerScenarios.announcersFindEachOther(transport, start(name, dir).udpAnnounce(), dead, infoHash(0x11));
    }

    @ParameterizedTest
    @ValueSource(strings = {RealTrackers.OPENTRACKER, RealTrackers.EMBEDDED})
    void stoppedLeavesTheSwarm(String name, @TempDir Path dir) throws Exception {
        TrackerScenarios.stoppedLeavesTheSwarm(transport, start(name, dir).udpAnnounce(), infoHash(0x22));
    }
}
