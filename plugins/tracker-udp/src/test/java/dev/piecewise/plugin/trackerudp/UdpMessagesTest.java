package dev.piecewise.plugin.trackerudp;

import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.PeerAddress;
import dev.piecewise.spi.tracker.TrackerException;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import static dev.piecewise.testing.TrackerRequests.announce;
import static dev.piecewise.testing.TrackerRequests.infoHash;
import static dev.piecewise.testing.TrackerRequests.peerId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpMessagesTest {

    private static final URI TRACKER = URI.create("udp://127.0.0.1:6969");

    @Test
    void connectCarriesTheProtocolMagicAndTransaction() {
        ByteBuffer packet = UdpMessages.connect(0x01020304);
        assertEquals(16, packet.remaining());
        assertEquals(0x41727101980L, packet.getLong(0));
        assertEquals(0, packet.getInt(8));
        assertEquals(0x01020304, packet.getInt(12));
    }

    @Test
    void announceLaysOutEveryFieldWhereBep15PutsIt() {
        var request = announce(TRACKER, infoHash(7), "a", 51413, 3000, AnnounceEvent.STARTED);
        ByteBuffer packet = UdpMessages.announce(0x1122334455667788L, 99, request);
        assertEquals(98, packet.remaining());
        assertEquals(0x1122334455667788L, packet.getLong(0));
        assertEquals(1, packet.getInt(8));
        assertEquals(99, packet.getInt(12));
        byte[] hash = new byte[20];
        packet.get(16, hash);
        assertArrayEquals(infoHash(7).bytes(), hash);
        byte[] id = new byte[20];
        packet.get(36, id);
        assertArrayEquals(peerId("a"), id);
        assertEquals(2000, packet.getLong(56), "downloaded");
        assertEquals(3000, packet.getLong(64), "left");
        assertEquals(1000, packet.getLong(72), "uploaded");
        assertEquals(2, packet.getInt(80), "started is 2");
        assertEquals(0, packet.getInt(84), "IP 0: the packet's source");
        assertEquals(0x1234abcd, packet.getInt(88), "key");
        assertEquals(50, packet.getInt(92), "numwant");
        assertEquals(51413, Short.toUnsignedInt(packet.getShort(96)), "port above 32767 stays unsigned");
    }

    @Test
    void eventsAreNumberedAsBep15Says() {
        int[] expected = {0, 1, 2, 3};
        AnnounceEvent[] events = {AnnounceEvent.NONE, AnnounceEvent.COMPLETED, AnnounceEvent.STARTED,
                AnnounceEvent.STOPPED};
        for (int i = 0; i < events.length; i++) {
            var request = announce(TRACKER, infoHash(1), "a", 1, 0, events[i]);
            assertEquals(expected[i], UdpMessages.announce(1, 1, request).getInt(80), events[i].name());
        }
    }

    @Test
    void readsIpv4Peers() throws Exception {
        ByteBuffer reply = ByteBuffer.allocate(32).putInt(1).putInt(5).putInt(1800).putInt(3).putInt(4)
                .put(new byte[]{127, 0, 0, 1}).putShort((short) 6881)
                .put(new byte[]{10, 0, 0, 2}).putShort((short) 65000).flip();
        var response = UdpMessages.announceResponse(reply, false);
        assertEquals(Duration.ofMinutes(30), response.interval());
        assertEquals(3, response.leechers().getAsInt());
        assertEquals(4, response.seeders().getAsInt());
        assertEquals(List.of(PeerAddress.of(new InetSocketAddress("127.0.0.1", 6881)),
                PeerAddress.of(new InetSocketAddress("10.0.0.2", 65000))), response.peers());
    }

    @Test
    void readsIpv6PeersFromAnIpv6Tracker() throws Exception {
        byte[] v6 = new byte[16];
        v6[15] = 1;
        ByteBuffer reply = ByteBuffer.allocate(38).putInt(1).putInt(5).putInt(60).putInt(0).putInt(1)
                .put(v6).putShort((short) 7000).flip();
        var response = UdpMessages.announceResponse(reply, true);
        assertEquals(List.of(PeerAddress.of(new InetSocketAddress("::1", 7000))), response.peers());
    }

    @Test
    void aPeerListOfTheWrongSizeIsMalformed() {
        ByteBuffer reply = ByteBuffer.allocate(25).putInt(1).putInt(5).putInt(60).putInt(0).putInt(1)
                .put(new byte[5]).flip();
        var e = assertThrows(TrackerException.class, () -> UdpMessages.announceResponse(reply, false));
        assertEquals(TrackerException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("5 bytes, not a multiple of 6"), e.getMessage());
    }

    @Test
    void negativeFiguresAreMalformed() {
        ByteBuffer reply = ByteBuffer.allocate(20).putInt(1).putInt(5).putInt(-1).putInt(0).putInt(0).flip();
        var e = assertThrows(TrackerException.class, () -> UdpMessages.announceResponse(reply, false));
        assertTrue(e.getMessage().contains("interval is negative"), e.getMessage());
    }

    @Test
    void anErrorMessageLosesItsNulTerminator() {
        ByteBuffer reply = ByteBuffer.allocate(14).putInt(3).putInt(5).put("nope!\0".getBytes()).flip();
        assertEquals("nope!", UdpMessages.errorMessage(reply));
        assertEquals("the tracker answered with an error and no message",
                UdpMessages.errorMessage(ByteBuffer.allocate(8).putInt(3).putInt(5).flip()));
    }

    @Test
    void aReplyMustAnswerTheRequestsAction() throws TrackerException {
        ByteBuffer announce = ByteBuffer.allocate(20).putInt(1).putInt(5).flip();
        assertEquals(announce, UdpMessages.answering(UdpMessages.ANNOUNCE, announce));
        var refused = assertThrows(TrackerException.class, () -> UdpMessages.answering(UdpMessages.ANNOUNCE,
                ByteBuffer.allocate(12).putInt(3).putInt(5).put("gone".getBytes()).flip()));
        assertEquals(TrackerException.Reason.REFUSED, refused.reason());
        assertEquals("gone", refused.getMessage());
        var wrong = assertThrows(TrackerException.class, () -> UdpMessages.answering(UdpMessages.ANNOUNCE,
                ByteBuffer.allocate(16).putInt(2).putInt(5).flip()));
        assertEquals(TrackerException.Reason.MALFORMED, wrong.reason());
        assertTrue(wrong.getMessage().contains("announce request with action 2 (scrape)"), wrong.getMessage());
    }
}
