package dev.piecewise.core.metainfo;

import java.util.BitSet;
import java.util.List;

/**
 * How a torrent's byte stream (its files end to end) is cut into pieces and spread over files: the one place that
 * maps a (piece, offset) range to file spans.
 */
public final class FileLayout {

    /** What to do with one part of a range that lies in one file. */
    @FunctionalInterface
    public interface SpanAction<X extends Exception> {
        /**
         * @param fileIndex  the file's index in {@link #files()}
         * @param fileOffset where the span starts in the file
         * @param length     the span's length, at least 1
         * @param done       how many bytes of the range came before this span
         */
        void apply(int fileIndex, long fileOffset, int length, int done) throws X;
    }

    /** Like {@link SpanAction}, for readers that may find data missing. */
    @FunctionalInterface
    public interface SpanTest<X extends Exception> {
        /** @return {@code false} to stop: the span's data is not there */
        boolean test(int fileIndex, long fileOffset, int length, int done) throws X;
    }

    private final int pieceLength;
    private final List<TorrentFile> files;
    private final long[] ends;
    private final long totalLength;
    private final int pieceCount;

    /**
     * @param pieceLength the nominal piece length, positive
     * @param files       files end to end from offset 0, with a positive total length
     */
    public FileLayout(int pieceLength, List<TorrentFile> files) {
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length must be positive: " + pieceLength);
        }
        this.pieceLength = pieceLength;
        this.files = List.copyOf(files);
        this.ends = new long[this.files.size()];
        long offset = 0;
        for (int i = 0; i < ends.length; i++) {
            TorrentFile file = this.files.get(i);
            if (file.offset() != offset) {
                throw new IllegalArgumentException("file " + i + " starts at " + file.offset() + ", not " + offset);
            }
            offset = ends[i] = file.end();
        }
        long count = (offset + pieceLength - 1) / pieceLength;
        if (offset <= 0 || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("unusable total length " + offset + " for piece length " + pieceLength);
        }
        this.totalLength = offset;
        this.pieceCount = (int) count;
    }

    /** The nominal piece length; every piece but the last has it. */
    public int pieceLength() {
        return pieceLength;
    }

    public List<TorrentFile> files() {
        return files;
    }

    public long totalLength() {
        return totalLength;
    }

    public int pieceCount() {
        return pieceCount;
    }

    /** The length of piece {@code piece}: the nominal length, or less for the last piece. */
    public int pieceLength(int piece) {
        checkPiece(piece);
        return (int) Math.min(pieceLength, totalLength - pieceOffset(piece));
    }

    /** Where piece {@code piece} starts in the byte stream. */
    public long pieceOffset(int piece) {
        checkPiece(piece);
        return (long) piece * pieceLength;
    }

    /** The first piece holding bytes of file {@code fileIndex}. */
    public int firstPiece(int fileIndex) {
        return (int) (files.get(fileIndex).offset() / pieceLength);
    }

    /** Just after the last piece holding bytes of file {@code fileIndex}; equal to the first for an empty file. */
    public int endPiece(int fileIndex) {
        TorrentFile file = files.get(fileIndex);
        return file.length() == 0 ? firstPiece(fileIndex) : (int) ((file.end() - 1) / pieceLength) + 1;
    }

    /** How many bytes of file {@code fileIndex} lie in {@code pieces} (e.g. the verified ones). */
    public long bytesIn(int fileIndex, BitSet pieces) {
        TorrentFile file = files.get(fileIndex);
        long bytes = 0;
        for (int piece = pieces.nextSetBit(firstPiece(fileIndex)); piece >= 0 && piece < endPiece(fileIndex);
             piece = pieces.nextSetBit(piece + 1)) {
            long start = Math.max(file.offset(), pieceOffset(piece));
            long end = Math.min(file.end(), pieceOffset(piece) + pieceLength(piece));
            bytes += end - start;
        }
        return bytes;
    }

    /**
     * Calls {@code action} for each file span of {@code [offset, offset + length)} of the byte stream, in order,
     * skipping empty files.
     */
    public <X extends Exception> void forEachSpan(long offset, int length, SpanAction<X> action) throws X {
        allSpans(offset, length, (index, fileOffset, span, done) -> {
            action.apply(index, fileOffset, span, done);
            return true;
        });
    }

    /**
     * Calls {@code test} for each file span of {@code [offset, offset + length)} in order until one returns
     * {@code false}.
     *
     * @return whether every span passed
     */
    public <X extends Exception> boolean allSpans(long offset, int length, SpanTest<X> test) throws X {
        if (offset < 0 || length < 0 || offset + length > totalLength) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside 0.." + totalLength);
        }
        int done = 0;
        for (int index = fileIndexAt(offset); done < length; index++) {
            TorrentFile file = files.get(index);
            long fileOffset = offset + done - file.offset();
            int span = (int) Math.min(length - done, file.length() - fileOffset);
            if (span > 0) {
                if (!test.test(index, fileOffset, span, done)) {
                    return false;
                }
                done += span;
            }
        }
        return true;
    }

    /** The index of the file holding byte {@code offset} of the stream (never an empty file). */
    private int fileIndexAt(long offset) {
        int low = 0;
        int high = ends.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ends[middle] > offset) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= pieceCount) {
            throw new IndexOutOfBoundsException("piece " + piece + " of " + pieceCount);
        }
    }
}
