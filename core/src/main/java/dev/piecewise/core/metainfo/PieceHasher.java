package dev.piecewise.core.metainfo;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * SHA-1 of pieces read from a {@link Source}, one at a time or many on several threads. Pieces are read in chunks into
 * a heap array that each thread reuses: the JDK's SHA-1 intrinsic works on heap arrays, and a chunk bounds memory
 * whatever the piece length.
 */
public final class PieceHasher {

    /** Bytes read and hashed at a time. */
    static final int CHUNK_SIZE = 1 << 20;
    /** Consecutive pieces a thread takes at once, so each thread reads mostly sequentially. */
    private static final int BATCH = 16;

    private final FileLayout layout;
    private final MessageDigest sha1 = Sha1.newDigest();
    private final byte[] chunk;

    /** Reads bytes of a torrent's byte stream. */
    public interface Source extends Closeable {
        /**
         * Fills {@code buffer[0, length)} with the stream's bytes from {@code offset}.
         *
         * @return {@code false} when some of them are not there (a file missing or too short)
         */
        boolean read(long offset, byte[] buffer, int length) throws IOException;

        @Override
        default void close() throws IOException {
        }
    }

    /** Hears about each piece hashed by {@link #hashAll}; called from the hashing threads, concurrently. */
    @FunctionalInterface
    public interface Listener {
        /** @param digest the piece's SHA-1, or {@code null} when its data was not all there */
        void hashed(int piece, byte[] digest);
    }

    /** A hasher for one thread at a time. */
    public PieceHasher(FileLayout layout) {
        this.layout = layout;
        this.chunk = new byte[Math.min(CHUNK_SIZE, layout.pieceLength())];
    }

    /** The SHA-1 of piece {@code piece}, or {@code null} when its data is not all in {@code source}. */
    public byte[] digest(int piece, Source source) throws IOException {
        long offset = layout.pieceOffset(piece);
        int remaining = layout.pieceLength(piece);
        sha1.reset();
        while (remaining > 0) {
            int length = Math.min(remaining, chunk.length);
            if (!source.read(offset, chunk, length)) {
                return null;
            }
            sha1.update(chunk, 0, length);
            offset += length;
            remaining -= length;
        }
        return sha1.digest();
    }

    /**
     * Hashes {@code pieces} on {@code threads} platform threads (hashing is CPU-bound work), each reading through its
     * own source from {@code sources}. Threads are stopped by a flag between pieces, never interrupted: an interrupt
     * would close a {@link java.nio.channels.FileChannel} other threads share.
     *
     * @return {@code true} when every piece was hashed, {@code false} when {@code cancelled} stopped it early
     * @throws IOException the first read error; the other threads stop
     */
    public static boolean hashAll(FileLayout layout, BitSet pieces, int threads, Supplier<Source> sources,
                                  Listener listener, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        int[] todo = pieces.stream().toArray();
        int batches = (todo.length + BATCH - 1) / BATCH;
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicInteger hashed = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        BooleanSupplier stopped = () -> stop.get() || cancelled.getAsBoolean();
        Callable<Void> worker = () -> {
            try (Source source = sources.get()) {
                PieceHasher hasher = new PieceHasher(layout);
                for (int batch; (batch = nextBatch.getAndIncrement()) < batches; ) {
                    for (int k = batch * BATCH; k < Math.min(todo.length, (batch + 1) * BATCH); k++) {
                        if (stopped.getAsBoolean()) {
                            return null;
                        }
                        listener.hashed(todo[k], hasher.digest(todo[k], source));
                        hashed.incrementAndGet();
                    }
                }
                return null;
            } catch (IOException | RuntimeException e) {
                stop.set(true);
                throw e;
            }
        };
        int workers = Math.max(1, Math.min(threads, batches));
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                Thread.ofPlatform().name("piece-hasher-", 0).daemon(true).factory());
        try {
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                results.add(pool.submit(worker));
            }
            for (Future<Void> result : results) {
                await(result);
            }
        } finally {
            stop.set(true); // when the caller was interrupted or a worker failed, the others stop after their piece
            pool.shutdown();
        }
        return hashed.get() == todo.length;
    }

    /**
     * Reads from {@code channel} at {@code position} until {@code target} is full.
     *
     * @return {@code false} when the file ends first
     */
    public static boolean readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
        for (long filePosition = position; target.hasRemaining(); ) {
            int read = channel.read(target, filePosition);
            if (read < 0) {
                return false;
            }
            filePosition += read;
        }
        return true;
    }

    private static void await(Future<Void> result) throws IOException, InterruptedException {
        try {
            result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("piece hashing failed", e.getCause());
        }
    }
}
