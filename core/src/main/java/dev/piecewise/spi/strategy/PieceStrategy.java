package dev.piecewise.spi.strategy;

/**
 * Chooses what to request from one peer of one torrent. Instances belong to one torrent and are called by one thread
 * at a time; they may keep state between calls, but must not keep the views, which are valid only during a call.
 */
public interface PieceStrategy {

    /**
     * Offers pieces or blocks to request from {@code peer}, best first, until {@code sink} returns {@code false} (the
     * peer's pipeline is full) or there is nothing more worth asking this peer for. Called often (every time a block
     * arrives, a peer unchokes us or announces a piece), so it must be cheap: use {@link PieceView#availability()}
     * rather than scanning every piece.
     *
     * <p>Offering something useless is safe (the core filters it) but wastes the call.
     */
    void pick(PieceView torrent, PeerView peer, PickSink sink);
}
