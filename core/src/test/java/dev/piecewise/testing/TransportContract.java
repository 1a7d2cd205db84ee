package dev.piecewise.testing;

import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.PeerAddress;
import dev.piecewise.spi.tracker.TrackerTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.piecewise.core.tracker.AnnounceIdentity;
import dev.piecewise.core.tracker.Announcer;
import dev.piecewise.core.tracker.AnnouncerSettings;
import dev.piecewise.core.tracker.Scheduler;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.piecewise.testing.TrackerRequests.announce;
import static dev.piecewise.testing.TrackerRequests.infoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every transport must manage with every real tracker on 127.0.0.1 (opentracker and Piecewise's embedded one),
 * written once: a transport's test extends this and says how to make the transport and which URL it serves.
 */
@Timeout(30)
public abstract class TransportContract {

    private TrackerTransport transport;
    private TestTracker tracker;

    /** A new transport; closed after each test. */
    protected abstract TrackerTransport createTransport();

    /** The tracker's announce URL this transport serves. */
    protected abstract URI announceUrl(TestTracker tracker);

    /** An announce URL of this transport's scheme where nothing listens. */
    protected abstract URI deadUrl();

    protected TrackerTransport transport() {
        if (transport == null) {
            transport = createTransport();
        }
        return transport;
    }

    protected URI start(String name, Path dir) throws Exception {
        tracker = RealTrackers.start(name, dir, List.of(infoHash(0x11), infoHash(0x22)));
        return announceUrl(tracker);
    }

    @AfterEach
    public void stopTracker() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (tracker != null) {
            tracker.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {RealTrackers.OPENTRACKER, RealTrackers.EMBEDDED})
    public void peersSeeEachOtherAndAreCounted(String name, @TempDir Path dir) throws Exception {
        peersSeeEachOtherAndAreCounted(transport(), start(name, dir), infoHash(0x11));
    }

    @ParameterizedTest
    @ValueSource(strings = {RealTrackers.OPENTRACKER, RealTrackers.EMBEDDED})
    public void stoppedLeavesTheSwarm(String name, @TempDir Path dir) throws Exception {
        stoppedLeavesTheSwarm(transport(), start(name, dir), infoHash(0x22));
    }

    @ParameterizedTest
    @ValueSource(strings = {RealTrackers.OPENTRACKER, RealTrackers.EMBEDDED})
    public void announcersFindEachOther(String name, @TempDir Path dir) throws Exception {
        announcersFindEachOther(transport(), start(name, dir), deadUrl(), infoHash(0x11));
    }

    /** A seeder and a leecher announce, learn of each other, and a scrape counts one of each. */
    private static void peersSeeEachOtherAndAreCounted(TrackerTransport transport, URI tracker, InfoHash torrent)
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
    private static void stoppedLeavesTheSwarm(TrackerTransport transport, URI tracker, InfoHash torrent)
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

    /**
     * Two announcers, as two clients would run them, with the real transport and a real scheduler: the second one is
     * handed the first one's address; when both stop, the tracker forgets them. The tracker comes second in the
     * announce list, after one that nothing listens to, which must not keep the peers from arriving.
     */
    private static void announcersFindEachOther(TrackerTransport transport, URI tracker, URI deadTracker,
                                               InfoHash torrent) throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            var scheduler = Scheduler.of(executor, Clock.systemUTC());
            var firstPeers = new LinkedBlockingQueue<List<PeerAddress>>();
            var secondPeers = new LinkedBlockingQueue<List<PeerAddress>>();
            var first = announcer(transport, List.of(List.of(deadTracker.toString()), List.of(tracker.toString())), torrent,
                    "first", 41001, 0, scheduler, firstPeers);
            var second = announcer(transport, List.of(List.of(tracker.toString())), torrent, "second", 41002, 500,
                    scheduler, secondPeers);
            first.start();
            awaitWorking(first, tracker);
            second.start();
            List<PeerAddress> found = secondPeers.poll(10, TimeUnit.SECONDS);
            assertNotNull(found, "the second announcer was handed peers");
            assertTrue(found.contains(PeerAddress.of(new InetSocketAddress("127.0.0.1", 41001))), found.toString());
            assertEquals(1, transport.scrape(tracker, List.of(torrent)).torrents().get(torrent).seeders());

            first.stop(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            second.stop(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            var counts = transport.scrape(tracker, List.of(torrent)).torrents().get(torrent);
            assertTrue(counts == null || counts.seeders() + counts.leechers() == 0, "stopped peers are gone: " + counts);
        } finally {
            executor.shutdownNow();
        }
    }

    private static Announcer announcer(TrackerTransport transport, List<List<String>> tiers, InfoHash torrent,
                                       String peer, int port, long left, Scheduler scheduler,
                                       BlockingQueue<List<PeerAddress>> peers) {
        return new Announcer(new AnnounceIdentity(torrent, TrackerRequests.peerId(peer), port, peer.hashCode()),
                tiers, scheme -> Optional.of(transport), Figures.of(0, 0, () -> left), peers::add, scheduler,
                new Random(), AnnouncerSettings.defaults());
    }

    private static void awaitWorking(Announcer announcer, URI tracker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (announcer.snapshot().stream().noneMatch(t -> t.url().equals(tracker.toString())
                && t.state().equals("working"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the announcer never got an answer: " + announcer.snapshot());
            }
            Thread.sleep(5);
        }
    }
}
