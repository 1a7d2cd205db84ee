package dev.piecewise.core.storage;

import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.PieceHasher;

import java.io.IOException;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/** Checking existing data against a torrent's hashes, on several threads: see {@link Storage#recheck}. */
public final class Recheck {

    private Recheck() {
    }

    /** Hears about each piece a recheck has checked; called from the hashing threads, concurrently. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param valid   whether the piece's data is there and matches its hash
         * @param checked how many pieces have been checked so far
         * @param total   how many pieces the recheck checks
         */
        void checked(int piece, boolean valid, int checked, int total);
    }

    /**
     * What a recheck found.
     *
     * @param verified the pieces whose data is on disk and matches its hash
     * @param complete whether every piece asked for was checked (not cancelled)
     */
    public record Result(BitSet verified, boolean complete) {

        public Result {
            verified = (BitSet) verified.clone();
        }

        @Override
        public BitSet verified() {
            return (BitSet) verified.clone();
        }
    }

    /**
     * Checks {@code pieces}; those also in {@code absent} (their files do not exist) fail without being read.
     */
    static Result run(Metainfo metainfo, PieceHasher.Source source, BitSet pieces, BitSet absent, int threads,
                      Listener listener, BooleanSupplier cancelled) throws StorageException, InterruptedException {
        BitSet verified = new BitSet(metainfo.pieceCount());
        ReentrantLock verifiedLock = new ReentrantLock();
        AtomicInteger checked = new AtomicInteger();
        int total = pieces.cardinality();
        for (int piece = absent.nextSetBit(0); piece >= 0; piece = absent.nextSetBit(piece + 1)) {
            listener.checked(piece, false, checked.incrementAndGet(), total);
        }
        BitSet present = (BitSet) pieces.clone();
        present.andNot(absent);
        boolean complete;
        try {
            complete = PieceHasher.hashAll(metainfo.layout(), present, threads, () -> source, (piece, digest) -> {
                boolean valid = digest != null && metainfo.pieceHashMatches(piece, digest);
                if (valid) {
                    verifiedLock.lock();
                    try {
                        verified.set(piece);
                    } finally {
                        verifiedLock.unlock();
                    }
                }
                listener.checked(piece, valid, checked.incrementAndGet(), total);
            }, cancelled);
        } catch (IOException e) {
            throw Failures.of(e, "checking " + metainfo.name());
        }
        verifiedLock.lock();
        try {
            return new Result(verified, complete);
        } finally {
            verifiedLock.unlock();
        }
    }
}
