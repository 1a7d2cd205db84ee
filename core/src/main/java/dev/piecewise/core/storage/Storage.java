package dev.piecewise.core.storage;

import dev.piecewise.core.metainfo.FileLayout;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.PieceHasher;
import dev.piecewise.core.metainfo.TorrentFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;

/**
 * The data of one torrent in a download directory: blocks written and read by (piece, offset) across file
 * boundaries, uploads straight from the file to a socket, pieces verified from disk.
 *
 * <p>Files are opened on first use and kept open (a bounded number, least recently used closed first); a file is
 * created on its first write at full length, its space {@link StorageOptions#allocation() reserved or sparse}; a file
 * longer than the torrent says is left as it is. Pad files
 * (BEP 47) are never created: writes to them are dropped and reads give zeros. Empty files are created when the
 * storage opens. Every path goes through {@link DownloadDirectory}: nothing is written outside the download
 * directory and no symbolic link in it is followed.
 *
 * <p>Thread-safe: positional reads and writes of different pieces may run on any number of threads at once. Blocks
 * are written from the caller's buffer (typically a pooled direct buffer) with no copy on the heap.
 */
public final class Storage implements AutoCloseable {

    private final Metainfo metainfo;
    private final FileLayout layout;
    private final DownloadDirectory directory;
    private final FileOpener opener;
    private final OpenFiles files;
    /** Files written since they were last forced to disk: 1 for dirty. */
    private final AtomicIntegerArray dirty;
    /** Reused hashers (each holds a chunk buffer), so verifying a piece does not allocate one. */
    private final BlockingQueue<PieceHasher> hashers;
    private final PieceHasher.Source hashSource = this::readForHash;

    private Storage(Metainfo metainfo, DownloadDirectory directory, StorageOptions options) {
        this.metainfo = metainfo;
        this.layout = metainfo.layout();
        this.directory = directory;
        this.opener = new FileOpener(layout.files(), directory, options.allocation());
        this.files = new OpenFiles(options.maxOpenFiles(), opener);
        this.dirty = new AtomicIntegerArray(layout.files().size());
        this.hashers = new ArrayBlockingQueue<>(Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
    }

    /**
     * Opens the torrent's storage in {@code downloadDirectory} (created if missing), refusing at once a symbolic
     * link where the torrent's root or file belongs, and creates the torrent's empty files.
     */
    public static Storage open(Metainfo metainfo, Path downloadDirectory, StorageOptions options)
            throws StorageException {
        Storage storage = new Storage(metainfo, DownloadDirectory.open(downloadDirectory), options);
        try {
            storage.directory.file(metainfo.files().getFirst().path().subList(0, 1), false);
            storage.createEmptyFiles();
            return storage;
        } catch (StorageException e) {
            storage.close();
            throw e;
        }
    }

    public Metainfo metainfo() {
        return metainfo;
    }

    /** The download directory as resolved when the storage was opened. */
    public Path downloadDirectory() {
        return directory.root();
    }

    /** Where file {@code index} of the torrent is (or will be) on disk. */
    public Path path(int fileIndex) throws StorageException {
        return directory.file(layout.files().get(fileIndex).path(), false);
    }

    /**
     * Writes {@code block}'s remaining bytes at {@code offset} in {@code piece}, consuming them.
     *
     * @throws StorageException          with kind {@code DISK_FULL} when there is no space left
     * @throws IndexOutOfBoundsException when the block does not lie inside the piece
     */
    public void write(int piece, int offset, ByteBuffer block) throws StorageException {
        int length = block.remaining();
        long start = start(piece, offset, length);
        int base = block.position();
        layout.forEachSpan(start, length, (index, fileOffset, spanLength, done) -> {
            if (!isPad(index)) {
                // a fresh slice per attempt: a retry after a closed channel starts the span over
                onFile(index, true, "writing", channel ->
                        writeFully(channel, block.slice(base + done, spanLength), fileOffset));
                dirty.set(index, 1);
            }
        });
        block.position(base + length);
    }

    /**
     * Fills {@code target}'s remaining bytes with the data at {@code offset} in {@code piece}.
     *
     * @throws StorageException with kind {@code MISSING_DATA} when a file is missing or too short
     */
    public void read(int piece, int offset, ByteBuffer target) throws StorageException {
        int length = target.remaining();
        long start = start(piece, offset, length);
        int base = target.position();
        layout.forEachSpan(start, length, (index, fileOffset, spanLength, done) -> {
            if (isPad(index)) {
                fillWithZeros(target.slice(base + done, spanLength));
            } else if (!onFile(index, false, "reading", channel ->
                    PieceHasher.readFully(channel, target.slice(base + done, spanLength), fileOffset))) {
                throw new StorageException(StorageException.Kind.MISSING_DATA, display(index)
                        + " is shorter than the torrent says");
            }
        });
        target.position(base + length);
    }

    /**
     * Sends {@code length} bytes at {@code offset} in {@code piece} to {@code target} (a blocking channel, such as a
     * peer's socket) straight from the file, without copying them through the heap.
     *
     * @throws StorageException when the data is not there
     * @throws IOException      when the target fails (the peer went away)
     */
    public void transferTo(int piece, int offset, int length, WritableByteChannel target) throws IOException {
        long start = start(piece, offset, length);
        layout.forEachSpan(start, length, (index, fileOffset, spanLength, done) -> {
            if (isPad(index)) {
                for (int sent = 0; sent < spanLength; ) {
                    sent += target.write(Zeros.upTo(spanLength - sent));
                }
                return;
            }
            OpenFiles.Handle handle = acquire(index, false, "reading");
            try {
                FileChannel channel = handle.channel();
                for (long position = fileOffset, end = fileOffset + spanLength; position < end; ) {
                    long sent = channel.transferTo(position, end - position, target);
                    if (sent == 0 && position >= channel.size()) {
                        throw new StorageException(StorageException.Kind.MISSING_DATA, display(index)
                                + " is shorter than the torrent says");
                    }
                    position += sent;
                }
            } finally {
                files.release(handle);
            }
        });
    }

    /** Whether piece {@code piece} is on disk and matches its hash. */
    public boolean verify(int piece) throws StorageException {
        PieceHasher hasher = hashers.poll();
        if (hasher == null) {
            hasher = new PieceHasher(layout);
        }
        try {
            byte[] digest = hasher.digest(piece, hashSource);
            return digest != null && metainfo.pieceHashMatches(piece, digest);
        } catch (IOException e) {
            throw Failures.of(e, "checking piece " + piece + " of " + metainfo.name());
        } finally {
            hashers.offer(hasher);
        }
    }

    /**
     * Checks {@code pieces} against their hashes on up to {@code threads} threads. Pieces in missing files fail at
     * once, without reading.
     *
     * @param cancelled polled between pieces; when it turns true the recheck stops early
     */
    public Recheck.Result recheck(BitSet pieces, int threads, Recheck.Listener listener, BooleanSupplier cancelled)
            throws StorageException, InterruptedException {
        BitSet absent = new BitSet();
        for (int index = 0; index < layout.files().size(); index++) {
            TorrentFile file = layout.files().get(index);
            if (!file.pad() && file.length() > 0 && !Files.exists(path(index), LinkOption.NOFOLLOW_LINKS)) {
                absent.set(layout.firstPiece(index), layout.endPiece(index));
            }
        }
        absent.and(pieces);
        if (!absent.isEmpty()) {
            opener.prepareToCreate();
        }
        return Recheck.run(metainfo, hashSource, pieces, absent, threads, listener, cancelled);
    }

    /** Forces every file written since the last flush to disk, so that pieces verified before it survive a crash. */
    public void flush() throws StorageException {
        for (int index = 0; index < dirty.length(); index++) {
            if (dirty.getAndSet(index, 0) == 1) {
                try {
                    onFile(index, false, "saving", channel -> {
                        channel.force(true);
                        return null;
                    });
                } catch (StorageException e) {
                    dirty.set(index, 1);
                    throw e;
                }
            }
        }
    }

    /**
     * Closes the storage and deletes the torrent's files, then the torrent's folders left empty. Only this torrent's
     * paths are touched: other files in its folders are kept (and so are those folders), and a symbolic link on the
     * way is refused, never followed.
     */
    public void closeAndDeleteFiles() throws StorageException {
        close();
        directory.deleteAll(layout.files());
    }

    /** How many files are open now. */
    int openFileCount() {
        return files.size();
    }

    /** Closes the files; reads and writes fail afterwards. Nothing is forced: call {@link #flush()} first. */
    @Override
    public void close() {
        files.closeAll();
    }

    private void createEmptyFiles() throws StorageException {
        for (int index = 0; index < layout.files().size(); index++) {
            TorrentFile file = layout.files().get(index);
            if (file.length() == 0 && !file.pad()) {
                onFile(index, true, "creating", channel -> null);
            }
        }
    }

    private boolean readForHash(long offset, byte[] buffer, int length) throws StorageException {
        return layout.allSpans(offset, length, (index, fileOffset, spanLength, done) -> {
            if (isPad(index)) {
                Arrays.fill(buffer, done, done + spanLength, (byte) 0);
                return true;
            }
            try {
                return onFile(index, false, "reading", channel ->
                        PieceHasher.readFully(channel, ByteBuffer.wrap(buffer, done, spanLength), fileOffset));
            } catch (StorageException e) {
                if (e.kind() == StorageException.Kind.MISSING_DATA) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static Void writeFully(FileChannel channel, ByteBuffer source, long position) throws IOException {
        for (long filePosition = position; source.hasRemaining(); ) {
            filePosition += channel.write(source, filePosition);
        }
        return null;
    }

    private static void fillWithZeros(ByteBuffer target) {
        while (target.hasRemaining()) {
            target.put(Zeros.upTo(target.remaining()));
        }
    }

    /** An operation on an open file's channel. */
    @FunctionalInterface
    private interface FileOperation<T> {
        T apply(FileChannel channel) throws IOException;
    }

    /**
     * Runs {@code operation} on file {@code index}, translating failures into plain words. A channel closed under it
     * by another thread's interrupt is reopened once.
     */
    private <T> T onFile(int index, boolean write, String doing, FileOperation<T> operation)
            throws StorageException {
        for (int attempt = 1; ; attempt++) {
            OpenFiles.Handle handle = acquire(index, write, doing);
            try {
                return operation.apply(handle.channel());
            } catch (ClosedChannelException e) {
                if (attempt > 1 || Thread.currentThread().isInterrupted()) {
                    throw Failures.of(e, doing + " " + display(index));
                }
            } catch (IOException e) {
                throw Failures.of(e, doing + " " + display(index));
            } finally {
                files.release(handle);
            }
        }
    }

    private OpenFiles.Handle acquire(int index, boolean write, String doing) throws StorageException {
        try {
            return files.acquire(index, write);
        } catch (IOException e) {
            throw Failures.of(e, doing + " " + display(index));
        }
    }

    private long start(int piece, int offset, int length) {
        int pieceLength = layout.pieceLength(piece);
        if (offset < 0 || length < 0 || offset > pieceLength - length) {
            throw new IndexOutOfBoundsException("block " + offset + "+" + length + " outside piece " + piece
                    + " of length " + pieceLength);
        }
        return layout.pieceOffset(piece) + offset;
    }

    private boolean isPad(int index) {
        return layout.files().get(index).pad();
    }

    private String display(int index) {
        return layout.files().get(index).displayPath();
    }
}
