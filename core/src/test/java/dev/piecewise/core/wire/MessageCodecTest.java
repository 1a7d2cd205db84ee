package dev.piecewise.core.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageCodecTest {

    /** Ten pieces of 32 KiB, the last one 20,000 bytes: two bitfield bytes with six spare bits. */
    private static final WireLimits LIMITS = new WireLimits(10, 32 * 1024, 20_000);

    private final WireBuffers buffers = WireBuffers.create();

    private static byte[] block(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] encode(List<Message> messages, byte[] blockData) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var writer = new MessageWriter(Channels.newChannel(bytes), ByteBuffer.allocateDirect(4096));
        for (Message message : messages) {
            if (message instanceof Message.Piece piece) {
                writer.writePiece(piece, (p, begin, length, target) -> target.write(ByteBuffer.wrap(blockData)));
            } else {
                writer.write(message);
            }
        }
        writer.flush();
        return bytes.toByteArray();
    }

    /** Decodes {@code count} messages and checks that they took every byte. */
    private List<Object> decode(byte[] bytes, int count, int chunk, WireLimits limits, boolean fast,
                                boolean extensions) throws IOException {
        var channel = new ChunkedChannel(bytes, chunk);
        var handler = new RecordingHandler();
        try (var reader = new MessageReader(channel, buffers, limits, fast, extensions)) {
            for (int i = 0; i < count; i++) {
                reader.read(handler);
            }
            assertEquals(bytes.length, reader.bytesRead());
        }
        assertTrue(channel.exhausted());
        return handler.received;
    }

    private List<Object> decodeOne(byte[] bytes, boolean fast, boolean extensions) throws IOException {
        return decode(bytes, 1, 100, LIMITS, fast, extensions);
    }

    private List<Object> decode(byte[] bytes) throws IOException {
        return decodeOne(bytes, true, true);
    }

    private static byte[] raw(int length, int id, int... ints) {
        ByteBuffer buffer = ByteBuffer.allocate(5 + 4 * ints.length).putInt(length).put((byte) id);
        for (int value : ints) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 4096, Integer.MAX_VALUE})
    void everyMessageSurvivesTheRoundTripWhateverTheReadSizes(int chunk) throws IOException {
        byte[] data = block(WireLimits.MAX_BLOCK, 1);
        List<Message> sent = List.of(Message.Simple.KEEP_ALIVE, Message.Simple.CHOKE, Message.Simple.UNCHOKE,
                Message.Simple.INTERESTED, Message.Simple.NOT_INTERESTED, Message.PieceIndex.have(9),
                new Message.Bitfield(new byte[]{(byte) 0xA5, (byte) 0xC0}), Message.BlockRef.request(9, 16384, 3616),
                new Message.Piece(3, 16384, data.length), Message.BlockRef.cancel(0, 0, 16384), new Message.Port(6881),
                Message.Simple.HAVE_ALL, Message.Simple.HAVE_NONE, Message.PieceIndex.suggest(4),
                Message.BlockRef.reject(2, 0, 16384), Message.PieceIndex.allowedFast(7),
                new Message.Extended(0, "d1:md11:ut_metadatai3eee".getBytes()));

        List<Object> received = decode(encode(sent, data), sent.size(), chunk, LIMITS, true, true);

        List<Object> expected = new ArrayList<>(sent);
        expected.set(8, new RecordingHandler.Block(3, 16384, data));
        assertEquals(expected, received);
    }

    @Test
    void encodedLengthsMatchTheProtocol() throws IOException {
        assertEquals(4, encode(List.of(Message.Simple.KEEP_ALIVE), null).length);
        assertEquals(5, encode(List.of(Message.Simple.INTERESTED), null).length);
        assertEquals(9, encode(List.of(Message.PieceIndex.have(1)), null).length);
        assertEquals(17, encode(List.of(Message.BlockRef.request(1, 0, 16384)), null).length);
        assertEquals(7, encode(List.of(new Message.Port(1)), null).length);
        assertEquals(13 + 5, encode(List.of(new Message.Piece(0, 0, 5)), new byte[5]).length);
    }

    @Test
    void blocksArriveSeveralToARead() throws IOException {
        byte[] data = block(WireLimits.MAX_BLOCK, 2);
        var messages = new ArrayList<Message>();
        for (int i = 0; i < 200; i++) {
            messages.add(new Message.Piece(i % 10, 0, data.length));
        }
        byte[] bytes = encode(messages, data);
        var channel = new ChunkedChannel(bytes, Integer.MAX_VALUE);
        var handler = new RecordingHandler();
        try (var reader = new MessageReader(channel, buffers, LIMITS, true, true)) {
            for (int i = 0; i < 200; i++) {
                reader.read(handler);
            }
        }
        assertEquals(200, handler.received.size());
        assertTrue(handler.received.stream().allMatch(b -> Arrays.equals(((RecordingHandler.Block) b).data(),
                data)));
        // 200 blocks in 128 KiB reads: 26 reads when each read fills the buffer; one or two reads per block before
        assertTrue(channel.reads() <= 30, channel.reads() + " reads");
    }

    @Test
    void readersGiveTheirBuffersBack() throws IOException {
        byte[] bytes = encode(List.of(new Message.Piece(1, 0, 100)), new byte[100]);
        for (int i = 0; i < 20; i++) {
            assertEquals(1, decode(bytes, 1, Integer.MAX_VALUE, LIMITS, true, true).size());
        }
        assertEquals(1024 * 1024, buffers.messages().allocatedBytes(), "one slab of 64 read buffers");
        assertEquals(1024 * 1024, buffers.blocks().allocatedBytes(), "one slab of 8 block read buffers");
    }

    @Test
    void aBitfieldOrExtendedMessageLargerThanTheReadBufferArrivesWhole() throws IOException {
        var limits = new WireLimits(200_000, 16384, 16384);
        byte[] bits = block(limits.bitfieldBytes(), 3);
        byte[] payload = block(WireLimits.MAX_EXTENDED, 4);
        var sent = List.<Message>of(new Message.Bitfield(bits), new Message.Extended(3, payload));
        assertEquals(sent, decode(encode(sent, null), 2, 1000, limits, true, true));
    }

    @Test
    void anUnknownMessageIsSkipped() throws IOException {
        var bytes = new ByteArrayOutputStream();
        bytes.write(raw(1 + 6000, 99), 0, 5);
        bytes.write(new byte[6000], 0, 6000);
        bytes.writeBytes(encode(List.of(Message.PieceIndex.have(2)), null));
        assertEquals(List.of(Message.PieceIndex.have(2)), decode(bytes.toByteArray(), 2, 100, LIMITS, true, true));
    }

    @Test
    void theLengthPrefixIsCheckedBeforeAnythingIsRead() {
        // nothing follows the prefix: a reader that trusted it would wait or allocate 2 GiB
        byte[] huge = ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array();
        assertThrows(ProtocolException.class, () -> decode(huge));
        byte[] negative = ByteBuffer.allocate(4).putInt(-1).array();
        assertThrows(ProtocolException.class, () -> decode(negative));
        byte[] justOver = ByteBuffer.allocate(4).putInt(LIMITS.maxMessageLength() + 1).array();
        assertThrows(ProtocolException.class, () -> decode(justOver));
    }

    @Test
    void messagesOfTheWrongSizeAreRefused() {
        assertThrows(ProtocolException.class, () -> decode(raw(5, Message.CHOKE, 0)));
        assertThrows(ProtocolException.class, () -> decode(raw(9, Message.HAVE, 1, 2)));
        assertThrows(ProtocolException.class, () -> decode(raw(9, Message.REQUEST, 1, 2)));
        assertThrows(ProtocolException.class, () -> decode(raw(5, Message.PORT, 1)));
        assertThrows(ProtocolException.class, () -> decode(raw(5, Message.PIECE, 1)));
    }

    @Test
    void indexesOutOfRangeAreRefused() {
        assertThrows(ProtocolException.class, () -> decode(raw(5, Message.HAVE, 10)));
        assertThrows(ProtocolException.class, () -> decode(raw(5, Message.HAVE, -1)));
        assertThrows(ProtocolException.class, () -> decode(raw(5, Message.SUGGEST, 10)));
        assertThrows(ProtocolException.class, () -> decode(raw(5, Message.ALLOWED_FAST, Integer.MIN_VALUE)));
        assertThrows(ProtocolException.class, () -> decode(raw(13, Message.REQUEST, 10, 0, 16384)));
        assertThrows(ProtocolException.class, () -> decode(raw(13, Message.CANCEL, -5, 0, 16384)));
    }

    @Test
    void blocksOutsideTheirPieceOrLargerThan16KiBAreRefused() {
        assertThrows(ProtocolException.class, () -> decode(raw(13, Message.REQUEST, 0, 0, 16385)));
        assertThrows(ProtocolException.class, () -> decode(raw(13, Message.REQUEST, 0, 0, 0)));
        assertThrows(ProtocolException.class, () -> decode(raw(13, Message.REQUEST, 0, -1, 100)));
        assertThrows(ProtocolException.class, () -> decode(raw(13, Message.REQUEST, 0, 32768 - 100, 101)));
        assertThrows(ProtocolException.class, () -> decode(raw(13, Message.REQUEST, 9, 16384, 3617)));
        assertThrows(ProtocolException.class, () -> decode(raw(13, Message.REJECT, 9, Integer.MAX_VALUE, 16384)));
    }

    @Test
    void aPieceMessageLongerThanABlockIsRefusedBeforeItsDataIsRead() throws IOException {
        byte[] header = encode(List.of(new Message.Piece(0, 0, WireLimits.MAX_BLOCK + 1)), new byte[0]);
        assertThrows(ProtocolException.class, () -> decode(header));
        byte[] pastTheEnd = encode(List.of(new Message.Piece(9, 16384, 3617)), new byte[0]);
        assertThrows(ProtocolException.class, () -> decode(pastTheEnd));
        byte[] badIndex = encode(List.of(new Message.Piece(10, 0, 100)), new byte[0]);
        assertThrows(ProtocolException.class, () -> decode(badIndex));
    }

    @Test
    void aBitfieldMustHaveTheRightLengthAndNoSpareBitsSet() throws IOException {
        assertThrows(ProtocolException.class,
                () -> decode(encode(List.of(new Message.Bitfield(new byte[3])), null)));
        assertThrows(ProtocolException.class,
                () -> decode(encode(List.of(new Message.Bitfield(new byte[1])), null)));
        assertThrows(ProtocolException.class,
                () -> decode(encode(List.of(new Message.Bitfield(new byte[]{0, 0x20})), null)));
        assertEquals(1, decode(encode(List.of(new Message.Bitfield(new byte[]{0, (byte) 0xC0})), null)).size());
    }

    @Test
    void beforeTheMetadataABitfieldOfAnyLengthUpToTheLargestTorrentIsTaken() throws IOException {
        var limits = WireLimits.beforeMetadata();
        var sent = List.<Message>of(new Message.Bitfield(new byte[] {(byte) 0xff, 0x01}),
                new Message.Bitfield(new byte[limits.bitfieldBytes()]));
        assertEquals(sent, decode(encode(sent, null), 2, 4096, limits, true, true));
        assertThrows(ProtocolException.class, () -> decode(encode(List.of(
                new Message.Bitfield(new byte[limits.bitfieldBytes() + 1])), null), 1, 4096, limits, true, true));
    }

    @Test
    void fastExtensionMessagesNeedTheFastExtension() throws IOException {
        for (Message message : List.of(Message.Simple.HAVE_ALL, Message.Simple.HAVE_NONE,
                Message.PieceIndex.suggest(1), Message.PieceIndex.allowedFast(1), Message.BlockRef.reject(1, 0, 16))) {
            byte[] bytes = encode(List.of(message), null);
            assertThrows(ProtocolException.class, () -> decodeOne(bytes, false, true), message.toString());
            assertEquals(1, decodeOne(bytes, true, false).size());
        }
    }

    @Test
    void extendedMessagesNeedTheExtensionProtocolAndAreBounded() throws IOException {
        byte[] bytes = encode(List.of(new Message.Extended(1, new byte[10])), null);
        assertThrows(ProtocolException.class, () -> decodeOne(bytes, true, false));
        byte[] tooLong = encode(List.of(new Message.Extended(1, new byte[WireLimits.MAX_EXTENDED + 1])), null);
        assertThrows(ProtocolException.class, () -> decode(tooLong));
        assertThrows(ProtocolException.class, () -> decode(raw(1, Message.EXTENDED)));
    }

    @Test
    void aConnectionClosedInsideAMessageIsAnEndOfFile() throws IOException {
        byte[] whole = encode(List.of(new Message.Piece(0, 0, 1000)), new byte[1000]);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 1);
        assertThrows(EOFException.class, () -> decode(cut));
    }

    @Test
    void limitsFollowTheTorrentsLayout() {
        var limits = WireLimits.of(10L * 32768 - 12768, 32768);
        assertEquals(LIMITS, limits);
        assertEquals(20_000, limits.pieceLength(9));
        assertEquals(32768, limits.pieceLength(8));
        assertEquals(2 + WireLimits.MAX_EXTENDED, limits.maxMessageLength());
        assertThrows(IllegalArgumentException.class, () -> WireLimits.of(0, 16384));
    }
}
