package dev.piecewise.core.engine;

import dev.piecewise.core.metainfo.FileLayout;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.PieceHasher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stand-in for the storage package until it lands (branch metainfo): real files through {@link FileLayout}, pieces
 * checked with {@link PieceHasher}, no resume state. To be replaced by the adapter over {@code Storage}.
 */
final class TestStore implements PieceStore {

    private final Metainfo metainfo;
    private final FileLayout layout;
    private final Path directory;
    private final FileChannel[] channels;
    private final ReentrantLock opening = new ReentrantLock();

    TestStore(Metainfo metainfo, Path directory) {
        this.metainfo = metainfo;
        this.layout = metainfo.layout();
        this.directory = directory;
        this.channels = new FileChannel[layout.files().size()];
    }

    static StoreFactory factory() {
        return (metainfo, directory, resume) -> new TestStore(metainfo, directory);
    }

    private FileChannel channel(int file) throws IOException {
        opening.lock();
        try {
            if (channels[file] == null) {
                Path path = directory.resolve(layout.files().get(file).relativePath());
                Files.createDirectories(path.getParent());
                channels[file] = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            }
            return channels[file];
        } finally {
            opening.unlock();
        }
    }

    @Override
    public void writeBlock(int piece, int begin, ByteBuffer block) throws IOException {
        layout.forEachSpan(layout.pieceOffset(piece) + begin, block.remaining(), (file, offset, length, done) -> {
            ByteBuffer span = block.slice(block.position() + done, length);
            while (span.hasRemaining()) {
                channel(file).write(span, offset + span.position());
            }
        });
    }

    @Override
    public void transferBlock(int piece, int begin, int length, WritableByteChannel target) throws IOException {
        layout.forEachSpan(layout.pieceOffset(piece) + begin, length, (file, offset, span, done) -> {
            long sent = 0;
            while (sent < span) {
                sent += channel(file).transferTo(offset + sent, span - sent, target);
            }
        });
    }

    @Override
    public boolean verify(int piece) throws IOException {
        byte[] digest = new PieceHasher(layout).digest(piece, this::read);
        return digest != null && metainfo.pieceHashMatches(piece, digest);
    }

    private boolean read(long offset, byte[] buffer, int length) throws IOException {
        boolean[] complete = {true};
        layout.forEachSpan(offset, length, (file, fileOffset, span, done) -> {
            Path path = directory.resolve(layout.files().get(file).relativePath());
            if (!Files.exists(path)) {
                complete[0] = false;
                return;
            }
            ByteBuffer target = ByteBuffer.wrap(buffer, done, span);
            while (target.hasRemaining()) {
                if (channel(file).read(target, fileOffset + target.position() - done) < 0) {
                    complete[0] = false;
                    return;
                }
            }
        });
        return complete[0];
    }

    @Override
    public BitSet existingPieces() throws IOException {
        var found = new BitSet();
        for (int piece = 0; piece < layout.pieceCount(); piece++) {
            if (verify(piece)) {
                found.set(piece);
            }
        }
        return found;
    }

    @Override
    public void saveResume(BitSet verified) {
        // the stand-in keeps no resume state
    }

    @Override
    public void close() {
        for (FileChannel channel : channels) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
