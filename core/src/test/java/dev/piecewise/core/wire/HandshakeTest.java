package dev.piecewise.core.wire;

import dev.piecewise.api.InfoHash;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeTest {

    private static final InfoHash INFO_HASH = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");

    @Test
    void aHandshakeIsReadInTwoStepsAsItWasWritten() throws IOException {
        var peerId = PeerId.generate(new Random(1));
        var sent = new Handshake(Handshake.OUR_RESERVED, INFO_HASH, peerId);
        ByteBuffer bytes = sent.encode();
        assertEquals(Handshake.LENGTH, bytes.remaining());

        var channel = new ChunkedChannel(Arrays.copyOf(bytes.array(), bytes.limit()), 5);
        Handshake.Start start = Handshake.readStart(channel);
        assertEquals(new Handshake.Start(Handshake.OUR_RESERVED, INFO_HASH), start);
        assertEquals(peerId, Handshake.readPeerId(channel));
        assertTrue(channel.exhausted());
    }

    @Test
    void ourReservedBitsAreTheExtensionProtocolAndTheFastExtension() {
        byte[] bytes = new Handshake(Handshake.OUR_RESERVED, INFO_HASH, PeerId.generate(new Random(2))).encode().array();
        assertEquals("0000000000100004", HexFormat.of().formatHex(bytes, 20, 28));
        // libtorrent's bits as seen on the wire: extension protocol, fast, DHT
        var libtorrent = new Handshake(HexFormat.fromHexDigitsToLong("0000000000100005"), INFO_HASH,
                PeerId.generate(new Random(3)));
        assertTrue(libtorrent.fast());
        assertTrue(libtorrent.extensionProtocol());
        var plain = new Handshake(0, INFO_HASH, PeerId.generate(new Random(3)));
        assertFalse(plain.fast());
        assertFalse(plain.extensionProtocol());
    }

    @Test
    void somethingOtherThanBitTorrentIsRefused() {
        byte[] http = Arrays.copyOf("GET /announce HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(), Handshake.LENGTH);
        assertThrows(ProtocolException.class, () -> Handshake.readStart(new ChunkedChannel(http, 100)));
        byte[] wrongLength = new Handshake(0, INFO_HASH, PeerId.generate(new Random(4))).encode().array();
        wrongLength[0] = 18;
        assertThrows(ProtocolException.class, () -> Handshake.readStart(new ChunkedChannel(wrongLength, 100)));
    }

    @Test
    void aHandshakeCutShortIsAnEndOfFile() {
        byte[] bytes = Arrays.copyOf(new Handshake(0, INFO_HASH, PeerId.generate(new Random(5))).encode().array(), 60);
        var channel = new ChunkedChannel(bytes, 100);
        assertThrows(EOFException.class, () -> {
            Handshake.readStart(channel);
            Handshake.readPeerId(channel);
        });
    }

    @Test
    void ourPeerIdHasThePrefixAndTwelvePrintableRandomCharacters() {
        var random = new Random(6);
        PeerId a = PeerId.generate(random);
        PeerId b = PeerId.generate(random);
        String text = new String(a.bytes(), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("-PW0100-"), text);
        assertTrue(text.substring(8).matches("[0-9A-Za-z]{12}"), text);
        assertFalse(a.equals(b));
        assertEquals(a, PeerId.of(a.bytes()));
        assertEquals("Piecewise 0.1.0", a.clientName());
        assertArrayEquals(a.bytes(), PeerId.of(a.bytes()).bytes());
    }
}
