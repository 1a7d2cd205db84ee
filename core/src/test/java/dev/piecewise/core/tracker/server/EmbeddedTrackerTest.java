package dev.piecewise.core.tracker.server;

import dev.piecewise.api.InfoHash;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BInteger;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.Bencode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static dev.piecewise.testing.TrackerRequests.infoHash;
import static dev.piecewise.testing.TrackerRequests.peerId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded tracker on real sockets, spoken to byte by byte as BEP 3, 15, 23 and 48 say. */
@Timeout(20)
class EmbeddedTrackerTest {

    private static final InfoHash TORRENT = infoHash(0xc3);
    private static final String HASH = "%C3".repeat(20);

    private final MutableClock clock = new MutableClock();
    private EmbeddedTracker tracker;

    @BeforeEach
    void start() throws IOException {
        tracker = EmbeddedTracker.start(InetAddress.getLoopbackAddress(), 0, EmbeddedTrackerSettings.defaults(), clock);
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    private BDictionary get(String pathAndQuery) throws Exception {
        var connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + tracker.port() + pathAndQuery).toURL()
                .openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(2000);
        try {
            var stream = connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream();
            return (BDictionary) Bencode.decode(stream.readAllBytes());
        } finally {
            connection.disconnect();
        }
    }

    private BDictionary announce(String peer, int port, long left, String extra) throws Exception {
        return get("/announce?info_hash=" + HASH + "&peer_id=" + new String(peerId(peer), StandardCharsets.US_ASCII)
                + "&port=" + port + "&uploaded=0&downloaded=0&left=" + left + extra);
    }

    private static long integer(BDictionary d, String key) {
        return ((BInteger) d.get(key).orElseThrow()).value();
    }

    private static byte[] bytes(BDictionary d, String key) {
        return ((BString) d.get(key).orElseThrow()).bytes();
    }

    @Test
    void httpAnnouncesGetEachOtherInCompactForm() throws Exception {
        var first = announce("a", 1001, 0, "&compact=1&event=started");
        assertEquals(60, integer(first, "interval"));
        assertEquals(15, integer(first, "min interval"));
        assertArrayEquals(new byte[0], bytes(first, "peers"));
        var second = announce("b", 1002, 5, "&compact=1&event=started");
        assertArrayEquals(new byte[]{127, 0, 0, 1, 0x03, (byte) 0xe9}, bytes(second, "peers"));
        assertArrayEquals(new byte[0], bytes(second, "peers6"));
        assertEquals(1, integer(second, "complete"));
        assertEquals(1, integer(second, "incomplete"));
    }

    @Test
    void httpAnnouncesWithoutCompactGetTheDictionaryModel() throws Exception {
        announce("a", 1001, 0, "");
        var answer = announce("b", 1002, 5, "");
        var peer = (BDictionary) ((BList) answer.get("peers").orElseThrow()).values().getFirst();
        assertEquals("127.0.0.1", new String(bytes(peer, "ip"), StandardCharsets.US_ASCII));
        assertEquals(1001, integer(peer, "port"));
        assertArrayEquals(peerId("a"), bytes(peer, "peer id"));
        var withoutIds = announce("b", 1002, 5, "&no_peer_id=1");
        var bare = (BDictionary) ((BList) withoutIds.get("peers").orElseThrow()).values().getFirst();
        assertFalse(bare.get("peer id").isPresent());
    }

    @Test
    void badAnnouncesGetAFailureReason() throws Exception {
        assertEquals("missing info_hash", new String(bytes(get("/announce?peer_id=x"), "failure reason")));
        assertEquals("peer_id must be 20 bytes, not 1", new String(bytes(get("/announce?info_hash=" + HASH
                + "&peer_id=x&port=1&left=0"), "failure reason")));
        assertEquals("unknown event: paused", new String(bytes(announce("a", 1, 0, "&event=paused"),
                "failure reason")));
        assertTrue(new String(bytes(get("/nowhere"), "failure reason")).startsWith("no such path: /nowhere"));
    }

    @Test
    void httpScrapeCountsTheSwarm() throws Exception {
        announce("a", 1001, 0, "&event=started");
        announce("b", 1002, 5, "&event=started");
        announce("b", 1002, 0, "&event=completed");
        var files = (BDictionary) get("/scrape?info_hash=" + HASH).get("files").orElseThrow();
        var counts = (BDictionary) files.entries().get(BString.of(TORRENT.bytes()));
        assertEquals(2, integer(counts, "complete"));
        assertEquals(0, integer(counts, "incomplete"));
        assertEquals(1, integer(counts, "downloaded"));
    }

    // UDP, byte by byte

    private byte[] udp(DatagramSocket socket, ByteBuffer request) throws IOException {
        byte[] bytes = Arrays.copyOf(request.array(), request.position());
        socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", tracker.port())));
        byte[] buffer = new byte[4096];
        var packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(buffer, packet.getLength());
    }

    private long connect(DatagramSocket socket) throws IOException {
        var reply = ByteBuffer.wrap(udp(socket, ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(7)));
        assertEquals(0, reply.getInt(0));
        assertEquals(7, reply.getInt(4));
        return reply.getLong(8);
    }

    private static ByteBuffer announcePacket(long connectionId, String peer, long left, int event, int port) {
        return ByteBuffer.allocate(98).putLong(connectionId).putInt(1).putInt(9).put(TORRENT.bytes())
                .put(peerId(peer)).putLong(0).putLong(left).putLong(0).putInt(event).putInt(0).putInt(1)
                .putInt(-1).putShort((short) port);
    }

    @Test
    void udpAnnouncesGetEachOtherAndScrapeCountsThem() throws Exception {
        try (var socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            long id = connect(socket);
            var first = ByteBuffer.wrap(udp(socket, announcePacket(id, "a", 0, 2, 1001)));
            assertEquals(1, first.getInt(0));
            assertEquals(9, first.getInt(4));
            assertEquals(60, first.getInt(8));
            assertEquals(20, first.limit(), "no peers yet");
            var second = ByteBuffer.wrap(udp(socket, announcePacket(id, "b", 5, 2, 1002)));
            assertEquals(1, second.getInt(12), "leechers");
            assertEquals(1, second.getInt(16), "seeders");
            assertEquals(26, second.limit());
            assertEquals(0x7f000001, second.getInt(20));
            assertEquals(1001, Short.toUnsignedInt(second.getShort(24)));

            var scrape = ByteBuffer.wrap(udp(socket, ByteBuffer.allocate(36).putLong(id).putInt(2).putInt(11)
                    .put(TORRENT.bytes())));
            assertEquals(2, scrape.getInt(0));
            assertEquals(11, scrape.getInt(4));
            assertEquals(1, scrape.getInt(8), "seeders");
            assertEquals(0, scrape.getInt(12), "completed");
            assertEquals(1, scrape.getInt(16), "leechers");
        }
    }

    @Test
    void httpAndUdpShareTheSwarm() throws Exception {
        announce("a", 1001, 0, "&compact=1");
        try (var socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            var answer = ByteBuffer.wrap(udp(socket, announcePacket(connect(socket), "b", 5, 2, 1002)));
            assertEquals(1001, Short.toUnsignedInt(answer.getShort(24)));
        }
        assertArrayEquals(new byte[]{127, 0, 0, 1, 0x03, (byte) 0xea}, bytes(announce("a", 1001, 0, "&compact=1"),
                "peers"));
    }

    @Test
    void aConnectionIdLastsAtLeastAMinuteAndIsThenDropped() throws Exception {
        try (var socket = new DatagramSocket()) {
            socket.setSoTimeout(300);
            long id = connect(socket);
            clock.advance(Duration.ofSeconds(60));
            assertTrue(udp(socket, announcePacket(id, "a", 0, 2, 1001)) != null, "still valid a minute later");
            clock.advance(Duration.ofSeconds(60));
            assertNull(udp(socket, announcePacket(id, "a", 0, 2, 1001)), "expired after two");
            assertNull(udp(socket, announcePacket(12345, "a", 0, 2, 1001)), "a made-up id is dropped");
        }
    }

    @Test
    void badUdpRequestsGetAnErrorWithTheirTransactionId() throws Exception {
        try (var socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            long id = connect(socket);
            var shortAnnounce = ByteBuffer.wrap(udp(socket, ByteBuffer.allocate(40).putLong(id).putInt(1).putInt(5)
                    .put(new byte[24])));
            assertEquals(3, shortAnnounce.getInt(0));
            assertEquals(5, shortAnnounce.getInt(4));
            assertEquals("an announce has 98 bytes, this one 40",
                    new String(shortAnnounce.array(), 8, shortAnnounce.limit() - 8, StandardCharsets.UTF_8));
            var unknown = ByteBuffer.wrap(udp(socket, ByteBuffer.allocate(16).putLong(id).putInt(9).putInt(6)));
            assertEquals(3, unknown.getInt(0));
            assertEquals(6, unknown.getInt(4));
        }
    }

    @Test
    void aTakenPortIsNamed() throws Exception {
        try (var taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            var e = assertThrows(IOException.class, () -> EmbeddedTracker.start(InetAddress.getLoopbackAddress(),
                    taken.getLocalPort(), EmbeddedTrackerSettings.defaults(), clock));
            assertTrue(e.getMessage().contains("TCP port " + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void itsUrlsNameItsPortAndCloseStopsIt() {
        assertEquals(URI.create("http://127.0.0.1:" + tracker.port() + "/announce"), tracker.httpAnnounceUrl());
        assertEquals(URI.create("udp://127.0.0.1:" + tracker.port() + "/announce"), tracker.udpAnnounceUrl());
        tracker.close();
        assertFalse(tracker.isRunning());
        assertThrows(IOException.class, () -> get("/announce"));
    }

    @Test
    void aClientRunsOneTrackerAtATime() {
        try (var service = new TrackerService(EmbeddedTrackerSettings.defaults(), clock)) {
            var running = service.start(0);
            assertEquals(running, service.current().orElseThrow());
            var e = assertThrows(PiecewiseException.class, () -> service.start(0));
            assertEquals("a tracker already runs on port " + running.port() + "; stop it before starting another",
                    e.getMessage());
            running.close();
            assertTrue(service.current().isEmpty());
            assertTrue(service.start(0).isRunning(), "a new one may start once the first stopped");
            assertThrows(PiecewiseException.class, () -> service.start(70000));
        }
    }
}
