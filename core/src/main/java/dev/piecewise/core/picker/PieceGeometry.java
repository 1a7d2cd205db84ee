package dev.piecewise.core.picker;

import dev.piecewise.spi.strategy.PieceView;

/**
 * The shape of a torrent's data: pieces of one length (the last may be shorter), each split into blocks of
 * {@link PieceView#BLOCK_SIZE} bytes (the last block of a piece may be shorter).
 */
public final class PieceGeometry {

    private final long totalLength;
    private final int pieceLength;
    private final int pieceCount;
    private final int lastPieceLength;

    /**
     * @throws IllegalArgumentException when a length is not positive or there would be more than
     *                                  {@link Integer#MAX_VALUE} pieces
     */
    public PieceGeometry(long totalLength, int pieceLength) {
        if (totalLength <= 0 || pieceLength <= 0) {
            throw new IllegalArgumentException("lengths must be positive: total " + totalLength
                    + ", piece " + pieceLength);
        }
        long count = (totalLength + pieceLength - 1) / pieceLength;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many pieces: " + count);
        }
        this.totalLength = totalLength;
        this.pieceLength = pieceLength;
        this.pieceCount = (int) count;
        this.lastPieceLength = (int) (totalLength - (count - 1) * pieceLength);
    }

    public long totalLength() {
        return totalLength;
    }

    public int pieceCount() {
        return pieceCount;
    }

    /** Whether {@code piece} is a valid index. */
    public boolean contains(int piece) {
        return piece >= 0 && piece < pieceCount;
    }

    /** The length of a valid {@code piece}. */
    public int pieceLength(int piece) {
        return piece == pieceCount - 1 ? lastPieceLength : pieceLength;
    }

    /** How many blocks a valid {@code piece} has. */
    public int blockCount(int piece) {
        return (pieceLength(piece) + PieceView.BLOCK_SIZE - 1) / PieceView.BLOCK_SIZE;
    }

    /** The length of a valid {@code block} of a valid {@code piece}. */
    public int blockLength(int piece, int block) {
        return Math.min(PieceView.BLOCK_SIZE, pieceLength(piece) - block * PieceView.BLOCK_SIZE);
    }

    /** How many blocks all pieces have together. */
    public long totalBlocks() {
        return (long) (pieceCount - 1) * blockCount(0) + blockCount(pieceCount - 1);
    }
}
