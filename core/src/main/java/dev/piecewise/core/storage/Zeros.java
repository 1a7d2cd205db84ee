package dev.piecewise.core.storage;

import java.nio.ByteBuffer;

/** Zeros to write: pad files (which read as zeros) and preallocation. One shared read-only buffer. */
final class Zeros {

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 10).asReadOnlyBuffer();

    private Zeros() {
    }

    /** Up to {@code length} zeros (at most 64 KiB: loop for more). */
    static ByteBuffer upTo(long length) {
        return ZEROS.duplicate().limit((int) Math.min(ZEROS.capacity(), length));
    }
}
