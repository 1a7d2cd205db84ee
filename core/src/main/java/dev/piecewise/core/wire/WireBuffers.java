package dev.piecewise.core.wire;

/**
 * The direct buffers peer connections share. Every connection reads and sends through a small buffer; a connection
 * whose peer sends blocks reads through a larger one instead, so that one read from the socket brings in several
 * blocks and each block is written to disk straight from where it landed.
 *
 * @param messages buffers of {@link WireLimits#MAX_BLOCK} bytes: each connection's send buffer and first read buffer
 * @param blocks   larger read buffers, holding several whole block messages
 */
public record WireBuffers(BufferPool messages, BufferPool blocks) {

    /** 128 KiB: eight blocks per read when the socket has them; a thousand peers sending blocks hold 128 MiB. */
    public static final int BLOCK_READ_BUFFER = 128 * 1024;

    public WireBuffers {
        if (messages.bufferSize() < WireLimits.MAX_BLOCK || blocks.bufferSize() < 2 * (13 + WireLimits.MAX_BLOCK)) {
            throw new IllegalArgumentException("buffers too small");
        }
    }

    /** Fresh pools of the standard sizes. */
    public static WireBuffers create() {
        return new WireBuffers(new BufferPool(WireLimits.MAX_BLOCK), new BufferPool(BLOCK_READ_BUFFER));
    }

    /** Bytes of direct memory both pools have taken from the system. */
    public long allocatedBytes() {
        return messages.allocatedBytes() + blocks.allocatedBytes();
    }
}
