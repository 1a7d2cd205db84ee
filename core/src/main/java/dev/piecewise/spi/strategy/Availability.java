package dev.piecewise.spi.strategy;

import java.util.function.IntPredicate;

/**
 * How many connected peers have each piece, kept up to date by the core on bitfield, have, have-all and disconnect,
 * and ordered so that the rarest pieces can be found without scanning every piece (pieces are kept in buckets by
 * availability; moving a piece between buckets is constant time).
 */
public interface Availability {

    /** How many connected peers have {@code piece}. */
    int of(int piece);

    /** The lowest availability of any piece we still need; 0 when a needed piece is on no connected peer. */
    int min();

    /**
     * Visits the pieces we need that are not started (no block received or requested), rarest first; among pieces of
     * equal availability the order is random, fixed until a piece changes bucket. Stops when {@code visitor} returns
     * {@code false}. Started pieces are listed by {@link PieceView#partialCount()} and {@link PieceView#partial(int)}.
     *
     * @return {@code false} if the visitor stopped the walk, {@code true} if it saw every such piece
     */
    boolean visitRarest(IntPredicate visitor);
}
