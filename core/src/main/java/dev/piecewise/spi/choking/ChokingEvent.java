package dev.piecewise.spi.choking;

/** Events after which a policy may ask to be consulted at once, besides its regular interval. */
public enum ChokingEvent {
    /** A peer connected. */
    PEER_CONNECTED,
    /** A peer went away; if it held a slot, the slot is free. */
    PEER_DISCONNECTED,
    /** A peer became interested in our pieces. */
    PEER_INTERESTED,
    /** A peer stopped being interested. */
    PEER_NOT_INTERESTED,
    /** We completed the download and now only seed. */
    BECAME_SEED
}
