package dev.piecewise.spi.strategy;

/**
 * Where a strategy puts its choices. The core turns them into requests after its own safety checks: it skips a piece
 * we have, one the peer lacks, one the peer has choked us for (unless it is allowed fast), and a block already
 * requested from this peer. A piece or block out of range is a bug: the core then replaces the strategy with its
 * built-in one for the torrent. A strategy must return promptly: one that runs for a second is unwound (its next call
 * to a view or this sink throws an {@link Error}) and replaced the same way.
 */
public interface PickSink {

    /**
     * Asks for the blocks of {@code piece} that are neither received nor requested from any peer, in block order.
     *
     * @return {@code false} when the peer's pipeline is full and the strategy should stop offering
     */
    boolean piece(int piece);

    /**
     * Asks for one block even if it is already requested from other peers: the way end-game asks for duplicates.
     * The core cancels the other requests when the block arrives.
     *
     * @return {@code false} when the peer's pipeline is full and the strategy should stop offering
     */
    boolean block(int piece, int block);
}
