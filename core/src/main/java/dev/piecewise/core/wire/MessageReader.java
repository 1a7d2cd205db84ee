package dev.piecewise.core.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Decodes one peer's messages from a blocking channel and hands them to a {@link MessageHandler}, checking every
 * limit before it reads or allocates anything: the length prefix, each message's exact size, piece indexes, block
 * bounds, bitfield length and spare bits, and whether the peer may send the message at all (fast extension and
 * extension protocol messages only when both sides set the bit). A violation is a {@link ProtocolException}.
 *
 * <p>Messages are decoded from one read buffer, which takes as much as the socket has each time. It starts small;
 * the first block message swaps it for a buffer that holds several blocks, and from then on a block is handed to the
 * handler where it landed in the read buffer: copied once, from the socket, with one read for several blocks.
 *
 * <p>Not thread-safe: one reader thread per connection. {@link #close()} gives the buffer back.
 */
public final class MessageReader implements AutoCloseable {

    private final ReadableByteChannel channel;
    private final WireBuffers buffers;
    private final WireLimits limits;
    private final boolean fast;
    private final boolean extensions;
    /** The read buffer, from {@code buffers.messages()} until the first block, then from {@code buffers.blocks()}. */
    private ByteBuffer in;
    private BufferPool inPool;
    private long bytesRead;

    /**
     * @param fast       whether both sides set the fast extension bit
     * @param extensions whether both sides set the extension protocol bit
     */
    public MessageReader(ReadableByteChannel channel, WireBuffers buffers, WireLimits limits, boolean fast,
                         boolean extensions) {
        this.channel = channel;
        this.buffers = buffers;
        this.limits = limits;
        this.fast = fast;
        this.extensions = extensions;
        this.inPool = buffers.messages();
        this.in = inPool.acquire().flip();
    }

    /** Bytes read from the channel so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * Blocks until one whole message has arrived and hands it to {@code handler}.
     *
     * @throws ProtocolException when the message breaks the protocol
     * @throws EOFException      when the peer closed the connection
     */
    public void read(MessageHandler handler) throws IOException {
        fill(4);
        int length = in.getInt();
        if (length == 0) {
            handler.keepAlive();
            return;
        }
        if (length < 0 || length > limits.maxMessageLength()) {
            throw new ProtocolException("message length " + Integer.toUnsignedString(length) + " exceeds the limit "
                    + limits.maxMessageLength());
        }
        fill(1);
        byte id = in.get();
        int payload = length - 1;
        switch (id) {
            case Message.CHOKE -> empty(payload, "choke", handler::choke);
            case Message.UNCHOKE -> empty(payload, "unchoke", handler::unchoke);
            case Message.INTERESTED -> empty(payload, "interested", handler::interested);
            case Message.NOT_INTERESTED -> empty(payload, "not interested", handler::notInterested);
            case Message.HAVE -> handler.have(pieceIndex(payload, "have"));
            case Message.BITFIELD -> handler.bitfield(bitfield(payload));
            case Message.REQUEST -> readBlockRef(payload, "request", handler::request);
            case Message.PIECE -> readPiece(payload, handler);
            case Message.CANCEL -> readBlockRef(payload, "cancel", handler::cancel);
            case Message.PORT -> {
                exact(payload, 2, "port");
                fill(2);
                handler.port(Short.toUnsignedInt(in.getShort()));
            }
            case Message.SUGGEST -> handler.suggest(pieceIndex(fastOnly(payload, "suggest"), "suggest"));
            case Message.HAVE_ALL -> empty(fastOnly(payload, "have all"), "have all", handler::haveAll);
            case Message.HAVE_NONE -> empty(fastOnly(payload, "have none"), "have none", handler::haveNone);
            case Message.REJECT -> readBlockRef(fastOnly(payload, "reject"), "reject", handler::reject);
            case Message.ALLOWED_FAST -> handler.allowedFast(pieceIndex(fastOnly(payload, "allowed fast"),
                    "allowed fast"));
            case Message.EXTENDED -> readExtended(payload, handler);
            default -> skip(payload);
        }
    }

    private void empty(int payload, String name, Runnable callback) throws ProtocolException {
        exact(payload, 0, name);
        callback.run();
    }

    private int fastOnly(int payload, String name) throws ProtocolException {
        if (!fast) {
            throw new ProtocolException(name + " without the fast extension");
        }
        return payload;
    }

    private int pieceIndex(int payload, String name) throws IOException {
        exact(payload, 4, name);
        fill(4);
        return checkedIndex(in.getInt(), name);
    }

    private int checkedIndex(int piece, String name) throws ProtocolException {
        if (piece < 0 || piece >= limits.pieceCount()) {
            throw new ProtocolException(name + " for piece " + Integer.toUnsignedString(piece) + " of "
                    + limits.pieceCount());
        }
        return piece;
    }

    private void checkBlock(int piece, int begin, int length, String name) throws ProtocolException {
        checkedIndex(piece, name);
        if (length <= 0 || length > WireLimits.MAX_BLOCK || begin < 0
                || (long) begin + length > limits.pieceLength(piece)) {
            throw new ProtocolException(name + " of " + Integer.toUnsignedString(length) + " bytes at "
                    + Integer.toUnsignedString(begin) + " outside piece " + piece + " or larger than a block");
        }
    }

    /** Where a request, cancel or reject goes. */
    private interface BlockRefCallback {
        void accept(int piece, int begin, int length);
    }

    private void readBlockRef(int payload, String name, BlockRefCallback callback) throws IOException {
        exact(payload, 12, name);
        fill(12);
        int piece = in.getInt();
        int begin = in.getInt();
        int length = in.getInt();
        checkBlock(piece, begin, length, name);
        callback.accept(piece, begin, length);
    }

    private void readPiece(int payload, MessageHandler handler) throws IOException {
        if (payload < 9) {
            throw new ProtocolException("piece message of " + payload + " bytes");
        }
        fill(8);
        int piece = in.getInt();
        int begin = in.getInt();
        int length = payload - 8;
        checkBlock(piece, begin, length, "piece");
        if (inPool != buffers.blocks()) {
            ByteBuffer larger = buffers.blocks().acquire().put(in).flip();
            inPool.release(in);
            inPool = buffers.blocks();
            in = larger;
        }
        fill(length);
        int start = in.position();
        in.position(start + length);
        handler.piece(piece, begin, in.slice(start, length));
    }

    private byte[] bitfield(int payload) throws IOException {
        if (limits.layoutKnown()) {
            exact(payload, limits.bitfieldBytes(), "bitfield");
        } else if (payload < 1 || payload > limits.bitfieldBytes()) {
            throw new ProtocolException("bitfield message with " + payload + " bytes of payload");
        }
        byte[] bits = new byte[payload];
        ByteBuffer target = ByteBuffer.wrap(bits);
        readInto(target);
        int spare = payload * 8 - limits.pieceCount();
        if (limits.layoutKnown() && (bits[payload - 1] & ((1 << spare) - 1)) != 0) {
            throw new ProtocolException("bitfield with spare bits set");
        }
        return bits;
    }

    private void readExtended(int payload, MessageHandler handler) throws IOException {
        if (!extensions) {
            throw new ProtocolException("extended message without the extension protocol");
        }
        if (payload < 1 || payload > 1 + WireLimits.MAX_EXTENDED) {
            throw new ProtocolException("extended message of " + payload + " bytes");
        }
        fill(1);
        int extension = in.get() & 0xff;
        int length = payload - 1;
        if (length <= in.capacity()) {
            fill(length);
            ByteBuffer body = in.slice(in.position(), length).asReadOnlyBuffer();
            in.position(in.position() + length);
            handler.extended(extension, body);
        } else {
            ByteBuffer body = ByteBuffer.allocate(length);
            readInto(body);
            handler.extended(extension, body.flip().asReadOnlyBuffer());
        }
    }

    /** Unknown messages are skipped: later extensions may use new ids, and their length was already bounded. */
    private void skip(int payload) throws IOException {
        int left = payload;
        while (left > 0) {
            if (!in.hasRemaining()) {
                in.clear();
                readSome(in);
                in.flip();
            }
            int n = Math.min(left, in.remaining());
            in.position(in.position() + n);
            left -= n;
        }
    }

    private static void exact(int payload, int expected, String name) throws ProtocolException {
        if (payload != expected) {
            throw new ProtocolException(name + " message with " + payload + " bytes of payload, not " + expected);
        }
    }

    /** Makes {@code n} bytes (at most the buffer's capacity) available in the read buffer. */
    private void fill(int n) throws IOException {
        if (in.remaining() >= n) {
            return;
        }
        in.compact();
        while (in.position() < n) {
            readSome(in);
        }
        in.flip();
    }

    /** Reads into {@code target} until it is full, taking buffered bytes first. */
    private void readInto(ByteBuffer target) throws IOException {
        int buffered = Math.min(in.remaining(), target.remaining());
        target.put(target.position(), in, in.position(), buffered).position(target.position() + buffered);
        in.position(in.position() + buffered);
        while (target.hasRemaining()) {
            readSome(target);
        }
    }

    /** Gives the read buffer back to its pool; the reader must not be used afterwards. */
    @Override
    public void close() {
        inPool.release(in);
    }

    private void readSome(ByteBuffer target) throws IOException {
        int n = channel.read(target);
        if (n < 0) {
            throw new EOFException("the peer closed the connection");
        }
        bytesRead += n;
    }
}
