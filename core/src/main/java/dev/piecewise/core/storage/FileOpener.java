package dev.piecewise.core.storage;

import dev.piecewise.core.metainfo.TorrentFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Opens a torrent's files through the {@link DownloadDirectory}, never following a link: for writing, creating a
 * missing file at its full length (sparse, or filled with zeros when preallocating); for reading, as it is.
 */
final class FileOpener implements OpenFiles.Opener {

    private final List<TorrentFile> files;
    private final DownloadDirectory directory;
    private final StorageOptions.Allocation allocation;

    FileOpener(List<TorrentFile> files, DownloadDirectory directory, StorageOptions.Allocation allocation) {
        this.files = files;
        this.directory = directory;
        this.allocation = allocation;
    }

    /** Files are about to be created (a check found them missing): gets what reserves their space ready meanwhile. */
    void prepareToCreate() {
        if (allocation != StorageOptions.Allocation.SPARSE) {
            Fallocate.prepare();
        }
    }

    @Override
    public OpenFiles.Opened open(int index, boolean write) throws IOException {
        TorrentFile file = files.get(index);
        Path path = directory.file(file.path(), write);
        if (!write) {
            try {
                return new OpenFiles.Opened(FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS), true);
            } catch (AccessDeniedException e) {
                // data the user made read-only can still be checked and seeded
                return new OpenFiles.Opened(FileChannel.open(path, StandardOpenOption.READ,
                        LinkOption.NOFOLLOW_LINKS), false);
            }
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS);
        try {
            extend(channel, path, file.length());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new OpenFiles.Opened(channel, true);
    }

    /** Brings a file shorter than {@code length} to it; a longer file is left as it is (it may be the user's). */
    private void extend(FileChannel channel, Path path, long length) throws IOException {
        long size = channel.size();
        if (size >= length) {
            return;
        }
        if (allocation != StorageOptions.Allocation.SPARSE && Fallocate.reserve(path, length)) {
            return;
        }
        if (allocation != StorageOptions.Allocation.FULL) {
            channel.write(ByteBuffer.allocate(1), length - 1);
            return;
        }
        for (long position = size; position < length; ) {
            position += channel.write(Zeros.upTo(length - position), position);
        }
    }
}
