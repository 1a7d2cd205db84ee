package dev.piecewise.testing;

import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.PeerAddress;
import dev.piecewise.spi.tracker.TrackerTransport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static dev.piecewise.testing.TrackerRequests.announce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every transport must manage with every real tracker, written once. */
public final class TrackerScenarios {

    private TrackerScenarios() {
    }

    /** A seeder and a leecher announce, learn of each other, and a scrape counts one of each. */
    public static void peersSeeEachOtherAndAreCounted(TrackerTransport transport, URI tracker, InfoHash torrent)
            throws Exception {
        var seeder = transport.announce(announce(tracker, torrent, "seeder", 40001, 0, AnnounceEvent.STARTED));
        assertTrue(seeder.interval().compareTo(Duration.ZERO) > 0, "an interval");
        var leecher = transport.announce(announce(tracker, torrent, "leecher", 40002, 5000, AnnounceEvent.STARTED));
        assertTrue(leecher.peers().contains(PeerAddress.of(new InetSocketAddress("127.0.0.1", 40001))),
                "the leecher is told of the seeder: " + leecher.peers());
        assertEquals(1, leecher.seeders().getAsInt(), "seeders");
        assertEquals(1, leecher.leechers().getAsInt(), "leechers");

        assertTrue(transport.canScrape(tracker));
        var counts = transport.scrape(tracker, List.of(torrent)).torrents().get(torrent);
        assertEquals(1, counts.seeders(), "scraped seeders");
        assertEquals(1, counts.leechers(), "scraped leechers");

        var again = transport.announce(announce(tracker, torrent, "seeder", 40001, 0, AnnounceEvent.NONE));
        assertTrue(again.peers().contains(PeerAddress.of(new InetSocketAddress("127.0.0.1", 40002))),
                "the seeder is told of the leecher at its next announce: " + again.peers());
    }

    /** After {@code stopped} a peer is neither counted nor handed out. */
    public static void stoppedLeavesTheSwarm(TrackerTransport transport, URI tracker, InfoHash torrent)
            throws Exception {
        transport.announce(announce(tracker, torrent, "a", 40001, 10, AnnounceEvent.STARTED));
        transport.announce(announce(tracker, torrent, "b", 40002, 10, AnnounceEvent.STARTED));
        assertEquals(2, transport.scrape(tracker, List.of(torrent)).torrents().get(torrent).leechers());
        transport.announce(announce(tracker, torrent, "a", 40001, 10, AnnounceEvent.STOPPED));
        assertEquals(1, transport.scrape(tracker, List.of(torrent)).torrents().get(torrent).leechers());
        var c = transport.announce(announce(tracker, torrent, "c", 40003, 10, AnnounceEvent.STARTED));
        assertFalse(c.peers().contains(PeerAddress.of(new InetSocketAddress("127.0.0.1", 40001))),
                "a stopped peer is not handed out: " + c.peers());
    }
}
