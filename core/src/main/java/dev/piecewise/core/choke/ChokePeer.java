package dev.piecewise.core.choke;

import dev.piecewise.core.stats.RateMeter;

/**
 * What the {@link Choker} reads of one connection: the engine's peer connection implements it (the simulator its
 * simulated peer). Read under the torrent's lock, at ticks and rechokes only; the choker never keeps the answers
 * longer than one call.
 */
public interface ChokePeer {

    /** Block bytes the peer has sent us. */
    RateMeter downloadMeter();

    /** Block bytes we have sent the peer. */
    RateMeter uploadMeter();

    /** Whether the peer is interested in our pieces. */
    boolean peerInterested();

    /** Whether we are interested in the peer's pieces. */
    boolean amInterested();

    /** Whether the peer is choking us. */
    boolean peerChoking();

    /** Whether the peer has every piece. */
    boolean peerIsSeed();
}
