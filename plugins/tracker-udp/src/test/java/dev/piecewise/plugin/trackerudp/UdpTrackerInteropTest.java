package dev.piecewise.plugin.trackerudp;

import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.PeerAddress;
import dev.piecewise.spi.tracker.TrackerTransport;
import dev.piecewise.testing.OpenTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.piecewise.testing.TrackerRequests.announce;
import static dev.piecewise.testing.TrackerRequests.infoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UDP transport against a real opentracker on 127.0.0.1. */
@Timeout(30)
class UdpTrackerInteropTest {

    private final TrackerTransport transport =
            new UdpTrackerTransport(new Retransmission(Duration.ofMillis(500), 2), Optional.empty(), System::nanoTime);
    private OpenTracker opentracker;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        opentracker = OpenTracker.start(dir, List.of(infoHash(0x11), infoHash(0x22)));
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        opentracker.close();
    }

    @Test
    void twoPeersSeeEachOtherAndTheScrapeCountsThem() throws Exception {
        var torrent = infoHash(0x11);
        var url = opentracker.udpAnnounce();
        var seeder = transport.announce(announce(url, torrent, "seeder", 40001, 0, AnnounceEvent.STARTED));
        assertTrue(seeder.interval().compareTo(Duration.ZERO) > 0);
        var leecher = transport.announce(announce(url, torrent, "leecher", 40002, 5000, AnnounceEvent.STARTED));

        assertTrue(leecher.peers().contains(PeerAddress.of(new InetSocketAddress("127.0.0.1", 40001))),
                "the leecher is told of the seeder: " + leecher.peers());
        assertEquals(1, leecher.seeders().getAsInt());
        assertEquals(1, leecher.leechers().getAsInt());

        var counts = transport.scrape(url, List.of(torrent, infoHash(0x22))).torrents();
        assertEquals(1, counts.get(torrent).seeders());
        assertEquals(1, counts.get(torrent).leechers());
        assertEquals(0, counts.get(infoHash(0x22)).seeders() + counts.get(infoHash(0x22)).leechers());

        var again = transport.announce(announce(url, torrent, "seeder", 40001, 0, AnnounceEvent.NONE));
        assertTrue(again.peers().contains(PeerAddress.of(new InetSocketAddress("127.0.0.1", 40002))),
                "the seeder is told of the leecher at its next announce: " + again.peers());
    }

    @Test
    void stoppedTakesThePeerOutOfTheSwarm() throws Exception {
        var torrent = infoHash(0x22);
        var url = opentracker.udpAnnounce();
        transport.announce(announce(url, torrent, "a", 40001, 10, AnnounceEvent.STARTED));
        transport.announce(announce(url, torrent, "b", 40002, 10, AnnounceEvent.STARTED));
        assertEquals(2, transport.scrape(url, List.of(torrent)).torrents().get(torrent).leechers());
        transport.announce(announce(url, torrent, "a", 40001, 10, AnnounceEvent.STOPPED));
        assertEquals(1, transport.scrape(url, List.of(torrent)).torrents().get(torrent).leechers());
    }
}
