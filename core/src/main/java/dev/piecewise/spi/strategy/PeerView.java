package dev.piecewise.spi.strategy;

/** A read-only view of the peer a strategy is picking for. Valid only during the call it was passed to. */
public interface PeerView {

    /** Identifies this connection for as long as it lasts; unique within the torrent. */
    long id();

    /** Whether the peer has announced {@code piece} (by bitfield, have or have-all). */
    boolean has(int piece);

    /** How many pieces the peer has announced. */
    int pieceCount();

    /** Whether the peer has every piece. */
    boolean isSeed();

    /** Whether the peer is choking us; then only {@linkplain #allowedFast allowed-fast} pieces can be requested. */
    boolean choking();

    /** Whether the peer allows us to request {@code piece} while it chokes us (BEP 6 allowed fast). */
    boolean allowedFast(int piece);

    /** How many pieces the peer has suggested to us (BEP 6 suggest piece), most recent last. */
    int suggestedCount();

    /** The {@code i}-th suggested piece, {@code 0 <= i < suggestedCount()}. */
    int suggested(int i);

    /** How many of our requests to this peer are outstanding. */
    int outstanding();

    /** Whether {@code block} of {@code piece} is requested from this peer and not yet received. */
    boolean requested(int piece, int block);

    /** The rate at which this peer has been sending us block data recently, in bytes per second. */
    double downloadRate();
}
