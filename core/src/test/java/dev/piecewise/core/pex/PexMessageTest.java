package dev.piecewise.core.pex;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.core.wire.ProtocolException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PexMessageTest {

    static InetSocketAddress address(String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static PexMessage decode(byte[] payload) throws ProtocolException {
        return PexMessage.decode(ByteBuffer.wrap(payload));
    }

    private static PexMessage decode(BDictionary dictionary) throws ProtocolException {
        return decode(Bencode.encode(dictionary));
    }

    @Test
    void ipv4PeersAreCompactWithAByteOfFlagsEach() {
        var message = new PexMessage(List.of(new PexPeer(address("127.0.0.1", 6881), PexPeer.SEED | PexPeer.REACHABLE),
                new PexPeer(address("10.1.2.3", 258), 0)), List.of(address("192.168.0.1", 80)));
        String expected = "d5:added12:\u007f\u0000\u0000\u0001\u001a\u00e1\n\u0001\u0002\u0003\u0001\u0002"
                + "7:added.f2:\u0012\u0000"
                + "7:dropped6:\u00c0\u00a8\u0000\u0001\u0000\u0050e";
        assertEquals(expected, new String(message.encode(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void bothFamiliesSurviveTheRoundTrip() throws Exception {
        var message = new PexMessage(List.of(new PexPeer(address("127.0.0.1", 6881), PexPeer.SEED),
                new PexPeer(address("::1", 6882), PexPeer.REACHABLE | PexPeer.UTP),
                new PexPeer(address("10.0.0.2", 1), PexPeer.PREFERS_ENCRYPTION)),
                List.of(address("2001:db8::7", 51413), address("127.0.0.2", 9)));
        PexMessage decoded = decode(message.encode());
        assertEquals(List.of(message.added().get(0), message.added().get(2), message.added().get(1)),
                decoded.added(), "IPv4 first, then IPv6");
        assertEquals(List.of(message.dropped().get(1), message.dropped().get(0)), decoded.dropped());
        String encoded = new String(message.encode(), StandardCharsets.ISO_8859_1);
        assertTrue(encoded.contains("6:added6") && encoded.contains("8:added6.f") && encoded.contains("8:dropped6"));
    }

    @Test
    void missingListsAreEmptyAndBadFlagsCountAsNone() throws Exception {
        assertTrue(decode("de".getBytes(StandardCharsets.US_ASCII)).isEmpty());
        byte[] two = CompactPeers.encode(List.of(address("127.0.0.1", 1), address("127.0.0.1", 2)),
                CompactPeers.IPV4);
        PexMessage wrongCount = decode(BDictionary.builder().put("added", two).put("added.f", new byte[] {2})
                .put("x", 5).build());
        assertEquals(List.of(new PexPeer(address("127.0.0.1", 1), 0), new PexPeer(address("127.0.0.1", 2), 0)),
                wrongCount.added());
        PexMessage notAString = decode(BDictionary.builder().put("added", two).put("added.f", 3).build());
        assertEquals(0, notAString.added().getFirst().flags());
    }

    @Test
    void peersNoOneCanDialAreSkipped() throws Exception {
        byte[] peers = CompactPeers.encode(List.of(address("0.0.0.0", 5), address("127.0.0.1", 0),
                address("224.0.0.1", 5), address("127.0.0.1", 5)), CompactPeers.IPV4);
        PexMessage message = decode(BDictionary.builder().put("added", peers).put("dropped", peers).build());
        assertEquals(List.of(new PexPeer(address("127.0.0.1", 5), 0)), message.added());
        assertEquals(List.of(address("127.0.0.1", 5)), message.dropped());
    }

    @Test
    void atMostTwoHundredPeersOfAListAreRead() throws Exception {
        var many = new java.util.ArrayList<InetSocketAddress>();
        for (int i = 1; i <= 1000; i++) {
            many.add(address("127.0.0.1", i));
        }
        byte[] flags = new byte[1000];
        java.util.Arrays.fill(flags, (byte) PexPeer.SEED);
        PexMessage message = decode(BDictionary.builder().put("added", CompactPeers.encode(many, CompactPeers.IPV4))
                .put("added.f", flags).build());
        assertEquals(PexMessage.MAX_RECEIVED, message.added().size());
        assertTrue(message.added().stream().allMatch(PexPeer::seed), "flags still match their peers");
    }

    @Test
    void brokenMessagesAreProtocolViolations() {
        assertThrows(ProtocolException.class, () -> decode("li1ee".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(ProtocolException.class, () -> decode("d5:added".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(assertThrows(ProtocolException.class,
                () -> decode(BDictionary.builder().put("added", new byte[7]).build())).getMessage()
                .contains("not a whole number of 6-byte peers"));
        assertTrue(assertThrows(ProtocolException.class,
                () -> decode(BDictionary.builder().put("dropped6", new byte[17]).build())).getMessage()
                .contains("dropped6"));
        assertTrue(assertThrows(ProtocolException.class,
                () -> decode(BDictionary.builder().put("added", 5).build())).getMessage()
                .contains("not a string of compact peers"));
    }

    @Test
    void peersMustBeResolvedAndFlagsOneByte() {
        assertThrows(IllegalArgumentException.class,
                () -> new PexPeer(InetSocketAddress.createUnresolved("example.org", 1), 0));
        assertThrows(IllegalArgumentException.class, () -> new PexPeer(address("127.0.0.1", 1), 256));
        assertThrows(NullPointerException.class,
                () -> new PexMessage(List.of(), List.of(InetSocketAddress.createUnresolved("example.org", 1))));
    }
}
