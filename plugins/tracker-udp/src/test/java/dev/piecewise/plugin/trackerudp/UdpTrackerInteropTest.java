package dev.piecewise.plugin.trackerudp;

import dev.piecewise.spi.tracker.TrackerTransport;
import dev.piecewise.testing.LoopbackPorts;
import dev.piecewise.testing.TestTracker;
import dev.piecewise.testing.TransportContract;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The UDP transport against real trackers on 127.0.0.1: opentracker and Piecewise's embedded one. */
class UdpTrackerInteropTest extends TransportContract {

    @Override
    protected TrackerTransport createTransport() {
        return new UdpTrackerTransport(new Retransmission(Duration.ofMillis(500), 2), Optional.empty(),
                System::nanoTime);
    }

    @Override
    protected URI announceUrl(TestTracker tracker) {
        return tracker.udpAnnounce();
    }

    @Override
    protected URI deadUrl() {
        return URI.create("udp://127.0.0.1:" + LoopbackPorts.freeTcpAndUdp() + "/announce");
    }
}
