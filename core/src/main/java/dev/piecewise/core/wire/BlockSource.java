package dev.piecewise.core.wire;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/** Where the blocks we upload come from: storage, which sends them with {@code FileChannel.transferTo}. */
@FunctionalInterface
public interface BlockSource {

    /** Writes exactly {@code length} bytes of {@code piece} from {@code begin} to {@code target}. */
    void transferBlock(int piece, int begin, int length, WritableByteChannel target) throws IOException;
}
