/**
 * Piece selection: which pieces and blocks to request from a peer.
 *
 * <p>A {@link dev.piecewise.spi.strategy.PieceStrategyProvider} creates one
 * {@link dev.piecewise.spi.strategy.PieceStrategy} per torrent. The core calls
 * {@link dev.piecewise.spi.strategy.PieceStrategy#pick} whenever a peer's request pipeline has room, with read-only
 * views of the torrent ({@link dev.piecewise.spi.strategy.PieceView}) and of that peer
 * ({@link dev.piecewise.spi.strategy.PeerView}); the strategy offers pieces or blocks to a
 * {@link dev.piecewise.spi.strategy.PickSink} in order of preference.
 *
 * <p>Strategies are pure: no sockets, threads, clocks or randomness of their own (use
 * {@link dev.piecewise.spi.strategy.StrategyContext#random()}). That is what lets the same class run in the engine,
 * the lab swarm and the deterministic simulator. The core, not the strategy, enforces safety: whatever a strategy
 * offers, the core never requests a piece the peer lacks, a piece we have, or a block already requested from that peer.
 */
package dev.piecewise.spi.strategy;
