/**
 * Choking: which peers we upload to.
 *
 * <p>A {@link dev.piecewise.spi.choking.ChokingPolicyProvider} creates one
 * {@link dev.piecewise.spi.choking.ChokingPolicy} per torrent. The core calls
 * {@link dev.piecewise.spi.choking.ChokingPolicy#rechoke} at the policy's own interval (and on the events it asks for)
 * with a read-only {@link dev.piecewise.spi.choking.ChokingView}; the policy answers with the peers to unchoke in a
 * {@link dev.piecewise.spi.choking.ChokingDecision}. The core chokes everyone else, sends only the differences, and
 * enforces its own limits (a peer that is not connected is ignored, the number of upload slots is capped).
 *
 * <p>Policies are pure like strategies: their clock is {@link dev.piecewise.spi.choking.ChokingView#nowMillis()} and
 * their randomness {@link dev.piecewise.spi.choking.ChokingContext#random()}, so the simulator can replay them.
 */
package dev.piecewise.spi.choking;
