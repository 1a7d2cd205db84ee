package dev.piecewise.plugin.trackerhttp;

import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.TrackerException;
import dev.piecewise.spi.tracker.TrackerTransport;
import dev.piecewise.testing.LoopbackPorts;
import dev.piecewise.testing.RealTrackers;
import dev.piecewise.testing.TestTracker;
import dev.piecewise.testing.TrackerScenarios;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static dev.piecewise.testing.TrackerRequests.announce;
import static dev.piecewise.testing.TrackerRequests.infoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP transport against real trackers on 127.0.0.1: opentracker and Piecewise's embedded one. */
@Timeout(30)
class HttpTrackerInteropTest {

    private final TrackerTransport transport =
            new HttpTrackerTransport(new HttpLimits(1 << 20, 5), "Piecewise/test", Optional.empty());
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
        TrackerScenarios.peersSeeEachOtherAndAreCounted(transport, start(name, dir).httpAnnounce(), infoHash(0x11));
    }

    @ParameterizedTest
    @ValueSource(strings = {RealTrackers.OPENTRACKER, RealTrackers.EMBEDDED})
    void announcersFindEachOther(String name, @TempDir Path dir) throws Exception {
        URI dead = URI.create("http://127.0.0.1:" + LoopbackPorts.freeTcpAndUdp() + "/announce");
        TrackerScenarios.announcersFindEachOther(transport, start(name, dir).httpAnnounce(), dead, infoHash(0x11));
    }

    @ParameterizedTest
    @ValueSource(strings = {RealTrackers.OPENTRACKER, RealTrackers.EMBEDDED})
    void stoppedLeavesTheSwarm(String name, @TempDir Path dir) throws Exception {
        TrackerScenarios.stoppedLeavesTheSwarm(transport, start(name, dir).httpAnnounce(), infoHash(0x22));
    }

    @Test
    void aTorrentOffOpentrackersWhitelistIsRefusedWithItsReason(@TempDir Path dir) throws Exception {
        var url = start(RealTrackers.OPENTRACKER, dir).httpAnnounce();
        var e = assertThrows(TrackerException.class,
                () -> transport.announce(announce(url, infoHash(0x33), "a", 40001, 10, AnnounceEvent.STARTED)));
        assertEquals(TrackerException.Reason.REFUSED, e.reason());
        assertTrue(e.getMessage().contains("not authorized"), e.getMessage());
    }
}
