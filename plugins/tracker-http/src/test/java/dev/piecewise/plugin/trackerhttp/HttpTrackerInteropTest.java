package dev.piecewise.plugin.trackerhttp;

import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.TrackerException;
import dev.piecewise.spi.tracker.TrackerTransport;
import dev.piecewise.testing.LoopbackPorts;
import dev.piecewise.testing.RealTrackers;
import dev.piecewise.testing.TestTracker;
import dev.piecewise.testing.TransportContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import static dev.piecewise.testing.TrackerRequests.announce;
import static dev.piecewise.testing.TrackerRequests.infoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP transport against real trackers on 127.0.0.1: opentracker and Piecewise's embedded one. */
class HttpTrackerInteropTest extends TransportContract {

    @Override
    protected TrackerTransport createTransport() {
        return new HttpTrackerTransport(new HttpLimits(1 << 20, 5), "Piecewise/test", Optional.empty());
    }

    @Override
    protected URI announceUrl(TestTracker tracker) {
        return tracker.httpAnnounce();
    }

    @Override
    protected URI deadUrl() {
        return URI.create("http://127.0.0.1:" + LoopbackPorts.freeTcpAndUdp() + "/announce");
    }

    @Test
    void aTorrentOffOpentrackersWhitelistIsRefusedWithItsReason(@TempDir Path dir) throws Exception {
        URI url = start(RealTrackers.OPENTRACKER, dir);
        var e = assertThrows(TrackerException.class,
                () -> transport().announce(announce(url, infoHash(0x33), "a", 40001, 10, AnnounceEvent.STARTED)));
        assertEquals(TrackerException.Reason.REFUSED, e.reason());
        assertTrue(e.getMessage().contains("not authorized"), e.getMessage());
    }
}
