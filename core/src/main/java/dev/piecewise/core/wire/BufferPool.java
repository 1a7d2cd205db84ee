package dev.piecewise.core.wire;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Direct buffers of one size, reused: connections take their read and send buffers here and blocks are read into them,
 * so the data path makes no garbage and each block is copied once, from the socket into memory the file write takes
 * directly. Buffers are cut from 1 MiB slabs. The pool holds no more than its users ever held at once, and every user
 * holds a bounded number (a connection at most three), so its size is bounded by the connection caps.
 */
public final class BufferPool {

    private static final int SLAB_SIZE = 1024 * 1024;

    private final int bufferSize;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private long allocated;

    public BufferPool(int bufferSize) {
        if (bufferSize <= 0 || bufferSize > SLAB_SIZE) {
            throw new IllegalArgumentException("buffer size out of range: " + bufferSize);
        }
        this.bufferSize = bufferSize;
    }

    public int bufferSize() {
        return bufferSize;
    }

    /** A cleared buffer of {@link #bufferSize()} bytes; give it back with {@link #release}. */
    public ByteBuffer acquire() {
        lock.lock();
        try {
            if (free.isEmpty()) {
                ByteBuffer slab = ByteBuffer.allocateDirect(SLAB_SIZE / bufferSize * bufferSize);
                for (int offset = 0; offset < slab.capacity(); offset += bufferSize) {
                    free.push(slab.slice(offset, bufferSize));
                }
                allocated += slab.capacity();
            }
            return free.pop().clear();
        } finally {
            lock.unlock();
        }
    }

    public void release(ByteBuffer buffer) {
        if (buffer.capacity() != bufferSize || !buffer.isDirect()) {
            throw new IllegalArgumentException("not a buffer of this pool");
        }
        lock.lock();
        try {
            free.push(buffer);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of direct memory the pool has taken from the system. */
    public long allocatedBytes() {
        lock.lock();
        try {
            return allocated;
        } finally {
            lock.unlock();
        }
    }
}
