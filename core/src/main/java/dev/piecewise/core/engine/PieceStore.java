package dev.piecewise.core.engine;

import dev.piecewise.core.wire.BlockSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * What the engine needs from a torrent's storage: block writes from the network threads, uploads straight to a
 * socket, piece verification on the hashing pool, and the verified pieces across restarts. Thread-safe.
 */
interface PieceStore extends BlockSource {

    /** Writes a block; {@code block} holds exactly its bytes (a direct buffer, not kept). */
    void writeBlock(int piece, int begin, ByteBuffer block) throws IOException;

    /** Reads the piece back from disk and checks its SHA-1 against the torrent's. */
    boolean verify(int piece) throws IOException;

    /** The pieces already on disk and verified: from the resume state if it is still valid, else by rechecking. */
    BitSet existingPieces() throws IOException;

    /** Makes the data durable, then records {@code verified} as the resume state (atomically). */
    void saveResume(BitSet verified) throws IOException;

    /** Closes the files. */
    void close();
}
