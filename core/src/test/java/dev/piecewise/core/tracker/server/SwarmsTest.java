package dev.piecewise.core.tracker.server;

import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.ScrapeResponse;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.piecewise.testing.TrackerRequests.infoHash;
import static dev.piecewise.testing.TrackerRequests.peerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwarmsTest {

    private static final InfoHash TORRENT = infoHash(5);

    private final MutableClock clock = new MutableClock();
    private final Swarms swarms = new Swarms(clock, new Random(1), Duration.ofMinutes(3));

    private SwarmAnswer announce(String peer, int port, long left, AnnounceEvent event) {
        return swarms.announce(new PeerAnnounce(TORRENT, peerId(peer), new InetSocketAddress("127.0.0.1", port),
                left, event, 50));
    }

    private static List<Integer> ports(SwarmAnswer answer) {
        return answer.peers().stream().map(p -> p.address().getPort()).sorted().toList();
    }

    @Test
    void peersGetEachOtherButNeverThemselves() {
        assertEquals(List.of(), ports(announce("a", 1001, 0, AnnounceEvent.STARTED)));
        var b = announce("b", 1002, 10, AnnounceEvent.STARTED);
        assertEquals(List.of(1001), ports(b));
        assertEquals(1, b.seeders());
        assertEquals(1, b.leechers());
        assertEquals(List.of(1002), ports(announce("a", 1001, 0, AnnounceEvent.NONE)));
    }

    @Test
    void aNewPeerIdAtAKnownAddressReplacesTheOldPeer() {
        announce("a", 1001, 10, AnnounceEvent.STARTED);
        announce("b", 1002, 10, AnnounceEvent.STARTED);
        var restarted = announce("a2", 1001, 10, AnnounceEvent.STARTED);
        assertEquals(List.of(1002), ports(restarted));
        assertEquals(2, restarted.leechers(), "the old a is gone");
    }

    @Test
    void stoppedRemovesAndCompletedCountsOnce() {
        announce("a", 1001, 10, AnnounceEvent.STARTED);
        announce("b", 1002, 10, AnnounceEvent.STARTED);
        announce("a", 1001, 0, AnnounceEvent.COMPLETED);
        announce("a", 1001, 0, AnnounceEvent.COMPLETED);
        assertEquals(Map.of(TORRENT, new ScrapeResponse.Counts(1, 1, 1)), swarms.scrape(List.of(TORRENT)));
        var last = announce("b", 1002, 10, AnnounceEvent.STOPPED);
        assertEquals(List.of(1001), ports(last));
        assertEquals(Map.of(TORRENT, new ScrapeResponse.Counts(1, 1, 0)), swarms.scrape(List.of()));
    }

    @Test
    void peersThatStopAnnouncingExpire() {
        announce("a", 1001, 10, AnnounceEvent.STARTED);
        clock.advance(Duration.ofMinutes(2));
        announce("b", 1002, 10, AnnounceEvent.STARTED);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertEquals(List.of(1002), ports(announce("c", 1003, 10, AnnounceEvent.STARTED)), "a expired, b did not");
    }

    @Test
    void anAnswerHoldsAtMostNumWantPeersChosenAtRandom() {
        for (int i = 0; i < 30; i++) {
            announce("p" + i, 2000 + i, 10, AnnounceEvent.STARTED);
        }
        var answer = swarms.announce(new PeerAnnounce(TORRENT, peerId("me"), new InetSocketAddress("127.0.0.1", 9),
                10, AnnounceEvent.STARTED, 5));
        assertEquals(5, answer.peers().size());
        assertEquals(31, answer.leechers());
        assertTrue(ports(answer).getLast() - ports(answer).getFirst() > 5, "not just the first five: " + ports(answer));
    }

    @Test
    void anUnknownTorrentIsLeftOutOfAScrape() {
        assertEquals(Map.of(), swarms.scrape(List.of(infoHash(6))));
    }
}
