package dev.piecewise.core.metadata;

import dev.piecewise.core.wire.ProtocolException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataMessageTest {

    private static Optional<MetadataMessage> decode(byte[] payload) throws ProtocolException {
        return MetadataMessage.decode(ByteBuffer.wrap(payload));
    }

    private static Optional<MetadataMessage> decode(String payload) throws ProtocolException {
        return decode(payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String problem(String payload) {
        return assertThrows(ProtocolException.class, () -> decode(payload)).getMessage();
    }

    @Test
    void requestsAndRejectsAreEncodedAsBep9ShowsThem() {
        assertEquals("d8:msg_typei0e5:piecei0ee",
                new String(new MetadataMessage.Request(0).encode(), StandardCharsets.ISO_8859_1));
        assertEquals("d8:msg_typei2e5:piecei7ee",
                new String(new MetadataMessage.Reject(7).encode(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void aDataMessageIsItsDictionaryFollowedByThePiece() {
        byte[] piece = "0123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new MetadataMessage.Data(1, 16394, piece).encode();
        assertEquals("d8:msg_typei1e5:piecei1e10:total_sizei16394ee0123456789",
                new String(payload, StandardCharsets.ISO_8859_1));
    }

    @Test
    void everyMessageSurvivesTheRoundTrip() throws Exception {
        byte[] block = new byte[MetadataMessage.PIECE_SIZE];
        Arrays.fill(block, (byte) 'e');
        for (MetadataMessage message : new MetadataMessage[] {new MetadataMessage.Request(3),
                new MetadataMessage.Reject(0), new MetadataMessage.Data(2, 3 * MetadataMessage.PIECE_SIZE, block),
                new MetadataMessage.Data(0, 1, new byte[] {'d'})}) {
            assertEquals(Optional.of(message), decode(message.encode()));
        }
    }

    @Test
    void keysInAnyOrderAndExtraKeysAreAccepted() throws Exception {
        assertEquals(Optional.of(new MetadataMessage.Request(5)), decode("d5:piecei5e8:msg_typei0e1:xi1ee"));
        var data = decode("d10:total_sizei3e5:piecei0e8:msg_typei1ee" + "abc").orElseThrow();
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), ((MetadataMessage.Data) data).data());
    }

    @Test
    void unknownMessageTypesAreIgnored() throws Exception {
        assertEquals(Optional.empty(), decode("d8:msg_typei3e5:piecei0ee"));
        assertEquals(Optional.empty(), decode("d8:msg_typei-1e5:piecei0ee"));
        assertEquals(Optional.empty(), decode("d8:msg_typei99999999999e5:piecei0ee"));
    }

    @Test
    void brokenMessagesAreProtocolViolations() {
        assertTrue(problem("li0ee").contains("not a dictionary"));
        assertTrue(problem("d8:msg_typei0e").contains("invalid ut_metadata message"));
        assertTrue(problem("d5:piecei0ee").contains("no integer msg_type"));
        assertTrue(problem("d8:msg_typei0e5:piece1:0e").contains("no integer piece"));
        assertTrue(problem("d8:msg_typei0e5:piecei-1ee").contains("beyond the largest metadata"));
        assertTrue(problem("d8:msg_typei0e5:piecei1920ee").contains("beyond the largest metadata"));
        assertTrue(problem("d8:msg_typei1e5:piecei0ee").contains("no integer total_size"));
        assertTrue(problem("d8:msg_typei1e5:piecei0e10:total_sizei0ee").contains("not from 1 to"));
        assertTrue(problem("d8:msg_typei1e5:piecei0e10:total_sizei31457281ee").contains("not from 1 to"));
        assertTrue(problem("d8:msg_typei1e5:piecei0e10:total_sizei99999ee" + "x".repeat(16385))
                .contains("more than 16384"));
        assertTrue(problem("d8:msg_typei0e5:piecei0e1:x" + "l".repeat(10) + "e".repeat(11))
                .contains("invalid ut_metadata message"));
    }

    @Test
    void pieceCountsAndLengthsFollowTheSize() {
        assertEquals(1, MetadataMessage.pieceCount(1));
        assertEquals(1, MetadataMessage.pieceCount(16384));
        assertEquals(2, MetadataMessage.pieceCount(16385));
        assertEquals(16384, MetadataMessage.pieceLength(16385, 0));
        assertEquals(1, MetadataMessage.pieceLength(16385, 1));
        assertEquals(1920, MetadataMessage.pieceCount(MetadataMessage.MAX_SIZE));
    }
}
