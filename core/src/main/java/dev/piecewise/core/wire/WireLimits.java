package dev.piecewise.core.wire;

import dev.piecewise.spi.strategy.PieceView;

/**
 * What the decoder checks messages against: the torrent's pieces and the protocol's size limits.
 *
 * @param pieceCount      the torrent's number of pieces
 * @param pieceLength     the length of every piece but the last
 * @param lastPieceLength the length of the last piece
 */
public record WireLimits(int pieceCount, int pieceLength, int lastPieceLength) {

    /**
     * The largest block a peer may request or send: BEP 3 says every implementation uses 16 KiB and closes
     * connections that ask for more. We keep to it rather than libtorrent's lenient 128 KiB, so that one request
     * never holds more than one block.
     */
    public static final int MAX_BLOCK = PieceView.BLOCK_SIZE;
    /** The largest BEP 10 payload after the extension id: room for a 16 KiB metadata piece and its dictionary. */
    public static final int MAX_EXTENDED = 64 * 1024;

    public WireLimits {
        if (pieceCount <= 0 || pieceLength <= 0 || lastPieceLength <= 0 || lastPieceLength > pieceLength) {
            throw new IllegalArgumentException("invalid piece layout: " + pieceCount + " pieces of " + pieceLength
                    + " bytes, the last " + lastPieceLength);
        }
    }

    /** The layout of a torrent of {@code totalLength} bytes in pieces of {@code pieceLength}. */
    public static WireLimits of(long totalLength, int pieceLength) {
        long count = (totalLength + pieceLength - 1) / pieceLength;
        if (count > Integer.MAX_VALUE || totalLength <= 0) {
            throw new IllegalArgumentException("invalid torrent size: " + totalLength);
        }
        return new WireLimits((int) count, pieceLength, (int) (totalLength - (count - 1) * pieceLength));
    }

    public int pieceLength(int piece) {
        return piece == pieceCount - 1 ? lastPieceLength : pieceLength;
    }

    /** The size of a bitfield message's payload: one bit per piece. */
    public int bitfieldBytes() {
        return (pieceCount + 7) / 8;
    }

    /** The longest message (id and payload, without the length prefix) a peer may send us. */
    public int maxMessageLength() {
        return Math.max(Math.max(9 + MAX_BLOCK, 1 + bitfieldBytes()), 2 + MAX_EXTENDED);
    }
}
