package dev.piecewise.core.wire;

import dev.piecewise.core.metainfo.MetainfoParser;
import dev.piecewise.spi.strategy.PieceView;

/**
 * What the decoder checks messages against: the torrent's pieces and the protocol's size limits.
 *
 * @param pieceCount      the torrent's number of pieces
 * @param pieceLength     the length of every piece but the last
 * @param lastPieceLength the length of the last piece
 * @param layoutKnown     {@code false} before a magnet torrent's metadata arrives: the pieces above are then only the
 *                        largest a torrent may have, and bitfields of any length up to that are taken
 */
public record WireLimits(int pieceCount, int pieceLength, int lastPieceLength, boolean layoutKnown) {

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

    /** A torrent of known layout. */
    public WireLimits(int pieceCount, int pieceLength, int lastPieceLength) {
        this(pieceCount, pieceLength, lastPieceLength, true);
    }

    /**
     * The limits before a magnet torrent's metadata is known: a peer's bitfield is taken whatever its length (up to
     * the largest torrent's), since the number of pieces is not known; blocks are never requested then.
     */
    public static WireLimits beforeMetadata() {
        return new WireLimits(MetainfoParser.MAX_PIECES, MAX_BLOCK, MAX_BLOCK, false);
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
