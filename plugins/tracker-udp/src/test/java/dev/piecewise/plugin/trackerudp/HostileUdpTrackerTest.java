package dev.piecewise.plugin.trackerudp;

import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.TrackerException;
import dev.piecewise.spi.tracker.TrackerTransport;
import dev.piecewise.testing.Interrupts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.piecewise.plugin.trackerudp.ScriptedUdpTracker.announced;
import static dev.piecewise.plugin.trackerudp.ScriptedUdpTracker.connected;
import static dev.piecewise.plugin.trackerudp.ScriptedUdpTracker.connectingThen;
import static dev.piecewise.plugin.trackerudp.ScriptedUdpTracker.error;
import static dev.piecewise.testing.TrackerRequests.announce;
import static dev.piecewise.testing.TrackerRequests.infoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UDP transport against trackers that misbehave, each served by a local {@link ScriptedUdpTracker}. */
class HostileUdpTrackerTest {

    private static final byte[] ONE_PEER = {127, 0, 0, 1, 0x1a, (byte) 0xe1};
    private static final Duration QUICKLY = Duration.ofSeconds(2);

    private final AtomicLong clock = new AtomicLong();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private TrackerTransport transport(Duration base, int retries) {
        var transport = new UdpTrackerTransport(new Retransmission(base, retries), Optional.empty(), clock::get);
        toClose.add(transport);
        return transport;
    }

    private TrackerTransport fastTransport() {
        return transport(Duration.ofMillis(30), 2);
    }

    private ScriptedUdpTracker tracker(ScriptedUdpTracker.Script script) throws Exception {
        var tracker = ScriptedUdpTracker.onLoopback(script);
        toClose.add(tracker);
        return tracker;
    }

    private static TrackerException.Reason reason(Throwable e) {
        return ((TrackerException) e).reason();
    }

    private TrackerException failure(TrackerTransport transport, URI url) {
        return assertTimeoutPreemptively(QUICKLY, () -> assertThrows(TrackerException.class,
                () -> transport.announce(announce(url, infoHash(1), "a", 6881, 0, AnnounceEvent.STARTED))));
    }

    @Test
    void anErrorActionIsARefusalWithTheTrackersMessage() throws Exception {
        var tracker = tracker(connectingThen(7, r -> List.of(error(r, "torrent not registered"))));
        var e = failure(fastTransport(), tracker.url());
        assertEquals(TrackerException.Reason.REFUSED, e.reason());
        assertEquals("torrent not registered", e.getMessage());
    }

    @Test
    void anErrorToTheConnectIsARefusalToo() throws Exception {
        var tracker = tracker(r -> List.of(error(r, "go away")));
        var e = failure(fastTransport(), tracker.url());
        assertEquals(TrackerException.Reason.REFUSED, e.reason());
        assertEquals("go away", e.getMessage());
    }

    @Test
    void theWrongActionIsMalformed() throws Exception {
        var tracker = tracker(connectingThen(7, r -> List.of(connected(r, 8))));
        var e = failure(fastTransport(), tracker.url());
        assertEquals(TrackerException.Reason.MALFORMED, e.reason());
        assertEquals("the tracker answered the announce request with action 0 (connect)", e.getMessage());
    }

    @Test
    void aTruncatedAnnounceAnswerIsMalformed() throws Exception {
        var tracker = tracker(connectingThen(7, r -> List.of(java.util.Arrays.copyOf(announced(r, 60, 0, 0,
                new byte[0]), 15))));
        var e = failure(fastTransport(), tracker.url());
        assertEquals(TrackerException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("15 bytes"), e.getMessage());
    }

    @Test
    void aTruncatedConnectAnswerIsMalformed() throws Exception {
        var tracker = tracker(r -> List.of(java.util.Arrays.copyOf(connected(r, 7), 12)));
        var e = failure(fastTransport(), tracker.url());
        assertEquals(TrackerException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("12 bytes") && e.getMessage().contains("connect"), e.getMessage());
    }

    @Test
    void strayPacketsAreIgnoredUntilTheRealAnswerComes() throws Exception {
        var tracker = tracker(connectingThen(7, r -> {
            byte[] wrongTransaction = announced(r, 60, 0, 0, new byte[0]);
            wrongTransaction[7] ^= 1;
            return List.of(new byte[]{1, 2, 3}, wrongTransaction, announced(r, 60, 2, 3, ONE_PEER));
        }));
        var response = assertTimeoutPreemptively(QUICKLY, () -> fastTransport().announce(
                announce(tracker.url(), infoHash(1), "a", 6881, 0, AnnounceEvent.STARTED)));
        assertEquals(1, response.peers().size());
        assertEquals(3, response.seeders().getAsInt());
        assertEquals(2, response.leechers().getAsInt());
    }

    @Test
    void onlyWrongTransactionIdsMeansUnreachableAndSaysWhy() throws Exception {
        var tracker = tracker(r -> {
            byte[] answer = connected(r, 7);
            answer[4] ^= 0x40;
            return List.of(answer);
        });
        var e = failure(fastTransport(), tracker.url());
        assertEquals(TrackerException.Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains("no answer after 3 tries")
                && e.getMessage().contains("ignored 3 packets with a wrong transaction id"), e.getMessage());
        assertEquals(3, tracker.connects(), "one connect per try");
    }

    @Test
    void aSilentTrackerIsRetriedOnBep15sScheduleThenUnreachable() throws Exception {
        var tracker = tracker(r -> List.of());
        long start = System.nanoTime();
        var e = failure(transport(Duration.ofMillis(40), 2), tracker.url());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(TrackerException.Reason.UNREACHABLE, e.reason());
        assertEquals(3, tracker.received().size());
        assertTrue(elapsedMillis >= 40 + 80 + 160, "waited 40, 80 and 160 ms, not " + elapsedMillis);
    }

    @Test
    void nothingListeningIsUnreachableAtOnce() throws Exception {
        int port;
        try (var probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = probe.getLocalPort();
        }
        var e = failure(transport(Duration.ofSeconds(5), 8), URI.create("udp://127.0.0.1:" + port));
        assertEquals(TrackerException.Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains("port unreachable"), e.getMessage());
    }

    @Test
    void aUrlWithoutAPortCannotBeUsed() {
        var e = failure(fastTransport(), URI.create("udp://127.0.0.1/announce"));
        assertEquals(TrackerException.Reason.UNSUPPORTED, e.reason());
    }

    @Test
    void anInterruptEndsTheWaitOnAPlatformThread() throws Exception {
        assertInterruptible(Thread.ofPlatform());
    }

    @Test
    void anInterruptEndsTheWaitOnAVirtualThread() throws Exception {
        assertInterruptible(Thread.ofVirtual());
    }

    private void assertInterruptible(Thread.Builder builder) throws Exception {
        var tracker = tracker(r -> List.of());
        var transport = transport(Duration.ofSeconds(30), 8);
        Interrupts.assertInterruptible(builder,
                () -> transport.announce(announce(tracker.url(), infoHash(1), "a", 6881, 0, AnnounceEvent.STARTED)),
                () -> !tracker.received().isEmpty());
    }

    @Test
    void theConnectionIdIsReusedForAMinuteThenRenewed() throws Exception {
        var ids = new AtomicLong(100);
        var seen = new ArrayList<Long>();
        var tracker = tracker(r -> {
            if (r.isConnect()) {
                return List.of(connected(r, ids.incrementAndGet()));
            }
            seen.add(r.connectionId());
            return List.of(announced(r, 60, 0, 0, new byte[0]));
        });
        var transport = fastTransport();
        var request = announce(tracker.url(), infoHash(1), "a", 6881, 0, AnnounceEvent.NONE);
        transport.announce(request);
        clock.addAndGet(Duration.ofSeconds(59).toNanos());
        transport.announce(request);
        assertEquals(1, tracker.connects(), "one connect serves announces within its minute");
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        transport.announce(request);
        assertEquals(2, tracker.connects(), "a connection id expires a minute after it was asked for");
        assertEquals(List.of(101L, 101L, 102L), seen);
    }

    @Test
    void anUnansweredRequestDropsItsConnectionId() throws Exception {
        var announces = new AtomicInteger();
        var tracker = tracker(r -> {
            if (r.isConnect()) {
                return List.of(connected(r, 5));
            }
            // the first announce goes unanswered, as when a restarted tracker no longer knows the id
            return announces.incrementAndGet() == 1 ? List.of() : List.of(announced(r, 60, 0, 0, new byte[0]));
        });
        fastTransport().announce(announce(tracker.url(), infoHash(1), "a", 6881, 0, AnnounceEvent.NONE));
        assertEquals(2, tracker.connects());
    }

    @Test
    void anIpv6TrackerGivesIpv6Peers() throws Exception {
        byte[] v6peer = new byte[18];
        v6peer[15] = 1;
        v6peer[16] = 0x1b;
        v6peer[17] = 0x58;
        var tracker = new ScriptedUdpTracker(InetAddress.getByName("::1"),
                connectingThen(9, r -> List.of(announced(r, 60, 0, 1, v6peer))));
        toClose.add(tracker);
        var response = fastTransport().announce(announce(tracker.url(), infoHash(1), "a", 6881, 0,
                AnnounceEvent.NONE));
        assertEquals(new InetSocketAddress("::1", 7000), response.peers().getFirst().address());
    }

    @Test
    void aScrapeOfManyTorrentsIsSplitIntoPacketsOf74() throws Exception {
        var tracker = tracker(connectingThen(7, r -> {
            int hashes = (r.packet().remaining() - 16) / 20;
            var answer = java.nio.ByteBuffer.allocate(8 + 12 * hashes).putInt(2).putInt(r.transactionId());
            for (int i = 0; i < hashes; i++) {
                answer.putInt(1).putInt(2).putInt(hashes);
            }
            return List.of(answer.array());
        }));
        var torrents = java.util.stream.IntStream.range(0, 100).mapToObj(i -> infoHash(i)).toList();
        var response = fastTransport().scrape(tracker.url(), torrents);
        assertEquals(100, response.torrents().size());
        assertEquals(74, response.torrents().get(infoHash(0)).leechers(), "the first packet had 74");
        assertEquals(26, response.torrents().get(infoHash(99)).leechers(), "the second packet had 26");
    }
}
