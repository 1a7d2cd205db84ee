package dev.piecewise.spi.choking;

import java.util.List;

/** A read-only view of one torrent's peers for a rechoke. Valid only during the call it was passed to. */
public interface ChokingView {

    /** The current time in milliseconds on the core's clock (the simulator's clock in a simulation). */
    long nowMillis();

    /** Whether we have every piece and only upload. */
    boolean seeding();

    /** The most peers the core will unchoke at once (regular and optimistic together); extra ones are dropped. */
    int maxUnchoked();

    /** Our upload capacity in bytes per second if it is known or capped, else 0. */
    long uploadCapacity();

    /** The connected peers that have completed the handshake. */
    List<PeerStats> peers();
}
