package dev.piecewise.core.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Encodes messages into one direct buffer and writes them in as few system calls as possible; block data goes
 * straight from storage to the socket. Used by one thread: a connection's writer.
 */
public final class MessageWriter {

    private final WritableByteChannel channel;
    private final ByteBuffer out;
    private long bytesWritten;

    /** @param buffer a direct buffer this writer uses until the connection ends */
    public MessageWriter(WritableByteChannel channel, ByteBuffer buffer) {
        this.channel = channel;
        this.out = buffer.clear();
    }

    /** Adds a message to the buffer, writing what is buffered first if it does not fit. */
    public void write(Message message) throws IOException {
        int length = message.encodedLength();
        if (out.remaining() < length) {
            flush();
        }
        if (length > out.capacity()) {
            ByteBuffer large = ByteBuffer.allocate(length);
            message.encode(large);
            writeFully(large.flip());
        } else {
            message.encode(out);
        }
    }

    /** Writes a piece message: its header, then its block straight from {@code source}. */
    public void writePiece(Message.Piece piece, BlockSource source) throws IOException {
        write(piece);
        flush();
        source.transferBlock(piece.piece(), piece.begin(), piece.length(), channel);
        bytesWritten += piece.length();
    }

    /** Writes whatever is buffered. */
    public void flush() throws IOException {
        out.flip();
        writeFully(out);
        out.clear();
    }

    /** Bytes written to the channel so far, block data included. */
    public long bytesWritten() {
        return bytesWritten;
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            bytesWritten += channel.write(buffer);
        }
    }
}
