package dev.piecewise.spi.strategy;

/**
 * A read-only view of one torrent's pieces as the picker sees them: what we have, what is in flight, and what the
 * swarm has. Valid only during the call it was passed to.
 *
 * <p>Pieces are split into blocks of {@link #BLOCK_SIZE} bytes (the last block of a piece may be shorter).
 */
public interface PieceView {

    /** The size of a block, the unit of a request. */
    int BLOCK_SIZE = 16 * 1024;

    int pieceCount();

    /** The length of {@code piece} in bytes (the last piece may be shorter). */
    int pieceLength(int piece);

    /** How many blocks {@code piece} has. */
    int blockCount(int piece);

    /** Whether we have {@code piece}, verified. */
    boolean have(int piece);

    /** How many pieces we have, verified. */
    int haveCount();

    /** The lowest piece at or after {@code from} that we still need, or {@code -1} if there is none. */
    int nextMissing(int from);

    /** How many pieces are started: at least one block received or requested, not yet verified. */
    int partialCount();

    /** The {@code i}-th started piece, oldest first, {@code 0 <= i < partialCount()}. */
    int partial(int i);

    /**
     * How many started pieces still have blocks that are neither received nor requested from anyone: the pieces to
     * finish before starting new ones. Usually far fewer than {@link #partialCount()}, since most started pieces are
     * fully requested and only wait for data.
     *
     * <p>Like the list of started pieces, this list does not shrink during a {@link PieceStrategy#pick} call: a piece
     * that the call fully requests stays listed (offering it again is harmless) and pieces the call starts are
     * appended, so a strategy can walk it by index while offering.
     */
    int openCount();

    /** The {@code i}-th started piece that still has unrequested blocks, oldest first, {@code 0 <= i < openCount()}. */
    int open(int i);

    /** Whether {@code block} of {@code piece} has arrived (it may still fail the piece's hash check). */
    boolean received(int piece, int block);

    /** From how many peers {@code block} of {@code piece} is requested and not yet received. */
    int requests(int piece, int block);

    /** How many blocks of the pieces we need are neither received nor requested from anyone. */
    int unrequestedBlocks();

    /** How many peers are connected to this torrent. */
    int peerCount();

    /** The availability of every piece among connected peers. */
    Availability availability();
}
