package dev.piecewise.core.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a peer sends on a connection: the handshake, then messages, decoded the way a connection's reader thread does
 * it, from a channel that hands the bytes over in fuzzed pieces. Only a {@link ProtocolException} (or the end of the
 * stream) may stop it. Every message that gets through must keep {@link MessageHandler}'s promises (indexes and blocks
 * inside the torrent, bitfields of the right length, fast and extension messages only when negotiated), an extension
 * handshake is decoded as the engine does, and the messages encoded again by {@link MessageWriter} must decode to the
 * same messages.
 *
 * <p>Input layout: one byte of flags (bit 0 fast extension, bit 1 extension protocol, the rest choose how the channel
 * cuts the stream), the piece count less one (2 bytes), the piece length (3 bytes, 0 read as 1), the length of the
 * last piece (3 bytes, taken modulo the piece length, plus one), then the bytes the peer sends, starting with its
 * 68-byte handshake. All numbers are big-endian.
 */
class PeerWireFuzzTest {

    private static final int HEADER = 9;
    private static final WireBuffers BUFFERS = WireBuffers.create();

    @FuzzTest
    void connection(byte[] input) throws IOException {
        if (input.length < HEADER) {
            return;
        }
        ByteBuffer header = ByteBuffer.wrap(input, 0, HEADER);
        int flags = header.get() & 0xff;
        boolean fast = (flags & 1) != 0;
        boolean extensions = (flags & 2) != 0;
        int pieceCount = (header.getShort() & 0xffff) + 1;
        int pieceLength = Math.max(1, unsigned24(header));
        int lastPieceLength = unsigned24(header) % pieceLength + 1;
        var limits = new WireLimits(pieceCount, pieceLength, lastPieceLength);
        byte[] stream = Arrays.copyOfRange(input, HEADER, input.length);

        var channel = new ChoppyChannel(stream, flags >>> 2);
        if (!handshake(channel, Arrays.copyOf(stream, Math.min(stream.length, Handshake.LENGTH)))) {
            return;
        }
        List<Event> events = decode(channel, limits, fast, extensions);
        assertEquals(events, decode(new ChoppyChannel(encode(events), flags >>> 2), limits, fast, extensions),
                "the messages encoded again decode to the same messages");
    }

    /** Reads the handshake in its two steps; whether it was one. */
    private static boolean handshake(ReadableByteChannel channel, byte[] sent) throws IOException {
        Handshake.Start start;
        PeerId peerId;
        try {
            start = Handshake.readStart(channel);
            peerId = Handshake.readPeerId(channel);
        } catch (ProtocolException | EOFException refused) {
            return false;
        }
        assertNotNull(peerId.clientName());
        assertTrue(peerId.toString().chars().allMatch(c -> c >= 0x20 && c < 0x7f), "a peer id prints as ASCII");
        byte[] again = new byte[Handshake.LENGTH];
        new Handshake(start.reserved(), start.infoHash(), peerId).encode().get(again);
        assertArrayEquals(sent, again, "a handshake encodes back to its bytes");
        return true;
    }

    /** Decodes messages until the stream ends or breaks the protocol. */
    private static List<Event> decode(ReadableByteChannel channel, WireLimits limits, boolean fast,
                                      boolean extensions) throws IOException {
        var recorder = new Recorder(limits, fast, extensions);
        try (var reader = new MessageReader(channel, BUFFERS, limits, fast, extensions)) {
            while (true) {
                reader.read(recorder);
            }
        } catch (ProtocolException | EOFException end) {
            return recorder.events;
        }
    }

    private static byte[] encode(List<Event> events) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        var writer = new MessageWriter(Channels.newChannel(out), ByteBuffer.allocateDirect(WireLimits.MAX_BLOCK));
        for (Event event : events) {
            if (event.message() instanceof Message.Piece piece) {
                byte[] block = HexFormat.of().parseHex(event.data());
                writer.writePiece(piece, (index, begin, length, target) -> target.write(ByteBuffer.wrap(block)));
            } else {
                writer.write(event.message());
            }
        }
        writer.flush();
        return out.toByteArray();
    }

    private static int unsigned24(ByteBuffer buffer) {
        return (buffer.get() & 0xff) << 16 | (buffer.get() & 0xff) << 8 | buffer.get() & 0xff;
    }

    /** A message as received: what encodes it again, and its data in hex where it carries some. */
    private record Event(Message message, String data) {
    }

    /** Records every message, checking it against what {@link MessageHandler} promises. */
    private static final class Recorder implements MessageHandler {

        private final WireLimits limits;
        private final boolean fast;
        private final boolean extensions;
        final List<Event> events = new ArrayList<>();

        Recorder(WireLimits limits, boolean fast, boolean extensions) {
            this.limits = limits;
            this.fast = fast;
            this.extensions = extensions;
        }

        private void add(Message message) {
            events.add(new Event(message, ""));
        }

        private void checkPiece(int piece) {
            assertTrue(piece >= 0 && piece < limits.pieceCount(), "piece " + piece + " of " + limits.pieceCount());
        }

        private void checkBlock(int piece, int begin, int length) {
            checkPiece(piece);
            assertTrue(length > 0 && length <= WireLimits.MAX_BLOCK && begin >= 0
                    && (long) begin + length <= limits.pieceLength(piece), "block " + begin + "+" + length);
        }

        private void checkFast() {
            assertTrue(fast, "a fast extension message without the fast extension");
        }

        @Override
        public void keepAlive() {
            add(Message.Simple.KEEP_ALIVE);
        }

        @Override
        public void choke() {
            add(Message.Simple.CHOKE);
        }

        @Override
        public void unchoke() {
            add(Message.Simple.UNCHOKE);
        }

        @Override
        public void interested() {
            add(Message.Simple.INTERESTED);
        }

        @Override
        public void notInterested() {
            add(Message.Simple.NOT_INTERESTED);
        }

        @Override
        public void have(int piece) {
            checkPiece(piece);
            add(Message.PieceIndex.have(piece));
        }

        @Override
        public void bitfield(byte[] bits) {
            assertEquals(limits.bitfieldBytes(), bits.length);
            int spare = bits.length * 8 - limits.pieceCount();
            assertEquals(0, bits[bits.length - 1] & ((1 << spare) - 1), "spare bits are clear");
            add(new Message.Bitfield(bits.clone()));
        }

        @Override
        public void request(int piece, int begin, int length) {
            checkBlock(piece, begin, length);
            add(Message.BlockRef.request(piece, begin, length));
        }

        @Override
        public void piece(int piece, int begin, ByteBuffer block) {
            checkBlock(piece, begin, block.remaining());
            byte[] data = new byte[block.remaining()];
            block.get(data);
            events.add(new Event(new Message.Piece(piece, begin, data.length), HexFormat.of().formatHex(data)));
        }

        @Override
        public void cancel(int piece, int begin, int length) {
            checkBlock(piece, begin, length);
            add(Message.BlockRef.cancel(piece, begin, length));
        }

        @Override
        public void port(int port) {
            assertTrue(port >= 0 && port <= 0xffff);
            add(new Message.Port(port));
        }

        @Override
        public void haveAll() {
            checkFast();
            add(Message.Simple.HAVE_ALL);
        }

        @Override
        public void haveNone() {
            checkFast();
            add(Message.Simple.HAVE_NONE);
        }

        @Override
        public void suggest(int piece) {
            checkFast();
            checkPiece(piece);
            add(Message.PieceIndex.suggest(piece));
        }

        @Override
        public void reject(int piece, int begin, int length) {
            checkFast();
            checkBlock(piece, begin, length);
            add(Message.BlockRef.reject(piece, begin, length));
        }

        @Override
        public void allowedFast(int piece) {
            checkFast();
            checkPiece(piece);
            add(Message.PieceIndex.allowedFast(piece));
        }

        @Override
        public void extended(int extension, ByteBuffer payload) {
            assertTrue(extensions, "an extended message without the extension protocol");
            assertTrue(extension >= 0 && extension <= 255 && payload.remaining() <= WireLimits.MAX_EXTENDED);
            byte[] data = new byte[payload.remaining()];
            payload.get(data);
            if (extension == ExtensionHandshake.ID) {
                try {
                    ExtensionHandshake.decode(ByteBuffer.wrap(data).asReadOnlyBuffer());
                } catch (ProtocolException refused) {
                    // the engine closes the connection: not a failure of the decoder
                }
            }
            events.add(new Event(new Message.Extended(extension, data), HexFormat.of().formatHex(data)));
        }
    }

    /**
     * A blocking channel over fixed bytes that hands them out in small, varying pieces, as TCP may: each read returns
     * between 1 and 64 bytes (never 0, as a blocking socket never does), then -1 at the end.
     */
    private static final class ChoppyChannel implements ReadableByteChannel {

        private final byte[] data;
        private int position;
        private int state;

        ChoppyChannel(byte[] data, int seed) {
            this.data = data;
            this.state = seed * 0x9E3779B9 + 1;
        }

        @Override
        public int read(ByteBuffer target) {
            if (position == data.length) {
                return -1;
            }
            state = state * 1_103_515_245 + 12_345;
            int n = Math.min(Math.min(target.remaining(), data.length - position), 1 + ((state >>> 16) & 63));
            if (n == 0) {
                fail("a read into a full buffer would spin forever on a blocking socket");
            }
            target.put(data, position, n);
            position += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
