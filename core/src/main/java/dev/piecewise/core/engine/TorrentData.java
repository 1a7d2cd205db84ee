package dev.piecewise.core.engine;

import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.storage.ResumeState;
import dev.piecewise.core.storage.Storage;
import dev.piecewise.core.storage.StorageException;
import dev.piecewise.core.storage.StorageOptions;
import dev.piecewise.core.wire.BlockSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * A torrent's data as the engine uses it: its {@link Storage} (block writes from the network threads, uploads
 * straight to sockets, verification on the hashing pool) and its {@link ResumeState}, kept in the torrent's folder of
 * the data directory. Thread-safe.
 */
final class TorrentData implements BlockSource {

    private final Storage storage;
    private final Path resumeFile;
    /** Keeps a save of the resume state and closing the files apart; guards {@link #closed}. */
    private final ReentrantLock saving = new ReentrantLock();
    private boolean closed;

    private TorrentData(Storage storage, Path resumeFile) {
        this.storage = storage;
        this.resumeFile = resumeFile;
    }

    /**
     * Opens the torrent's storage in {@code directory}.
     *
     * @throws StorageException when the directory cannot be used (unsafe, not writable)
     */
    static TorrentData open(Metainfo metainfo, Path directory, Path resumeFile) throws StorageException {
        return new TorrentData(Storage.open(metainfo, directory, StorageOptions.DEFAULT), resumeFile);
    }

    void write(int piece, int begin, ByteBuffer block) throws StorageException {
        storage.write(piece, begin, block);
    }

    @Override
    public void transferBlock(int piece, int begin, int length, WritableByteChannel target) throws IOException {
        storage.transferTo(piece, begin, length, target);
    }

    boolean verify(int piece) throws StorageException {
        return storage.verify(piece);
    }

    /**
     * The pieces on disk: those the resume state vouches for (files unchanged since it was saved), and those a
     * recheck on every core finds good; each is reported to {@code found} as it is known.
     *
     * @param cancelled polled between pieces; the check stops early when it turns true
     */
    void findExistingPieces(IntConsumer found, BooleanSupplier cancelled) throws StorageException,
            InterruptedException {
        int pieceCount = storage.metainfo().pieceCount();
        Optional<ResumeState> saved = ResumeState.load(resumeFile);
        ResumeState.Plan plan = saved.isPresent() ? saved.get().plan(storage) : ResumeState.Plan.checkAll(pieceCount);
        plan.trusted().stream().forEach(found);
        BitSet toCheck = plan.recheck();
        if (!toCheck.isEmpty()) {
            storage.recheck(toCheck, Runtime.getRuntime().availableProcessors(), (piece, valid, checked, total) -> {
                if (valid) {
                    found.accept(piece);
                }
            }, cancelled);
        }
    }

    /**
     * Makes the written data durable, then saves {@code verified} as the resume state (atomically). Does nothing once
     * closed: the last save came before.
     */
    void saveResume(BitSet verified) throws IOException {
        saving.lock();
        try {
            if (!closed) {
                ResumeState.capture(storage, verified).save(resumeFile);
            }
        } finally {
            saving.unlock();
        }
    }

    /** Closes the files, after a save under way. */
    void close() {
        saving.lock();
        try {
            closed = true;
            storage.close();
        } finally {
            saving.unlock();
        }
    }

    /** Closes the files and deletes them, with the folders they leave empty. */
    void closeAndDeleteFiles() throws StorageException {
        saving.lock();
        try {
            closed = true;
            storage.closeAndDeleteFiles();
        } finally {
            saving.unlock();
        }
    }
}
