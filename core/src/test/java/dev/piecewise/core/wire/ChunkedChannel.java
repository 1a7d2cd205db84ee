package dev.piecewise.core.wire;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Bytes in memory, handed out at most {@code chunk} bytes per read, as a slow socket would. */
final class ChunkedChannel implements ReadableByteChannel {

    private final ByteBuffer data;
    private final int chunk;
    private int reads;

    ChunkedChannel(byte[] data, int chunk) {
        this.data = ByteBuffer.wrap(data);
        this.chunk = chunk;
    }

    @Override
    public int read(ByteBuffer target) {
        if (!data.hasRemaining()) {
            return -1;
        }
        reads++;
        int n = Math.min(Math.min(chunk, target.remaining()), data.remaining());
        target.put(data.slice(data.position(), n));
        data.position(data.position() + n);
        return n;
    }

    int reads() {
        return reads;
    }

    boolean exhausted() {
        return !data.hasRemaining();
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
