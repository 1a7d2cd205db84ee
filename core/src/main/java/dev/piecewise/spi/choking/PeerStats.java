package dev.piecewise.spi.choking;

/** What a choking policy knows of one peer. Rates are over the core's recent window (about 20 seconds). */
public interface PeerStats {

    /** Identifies this connection for as long as it lasts; the same id across rechokes. */
    long id();

    /** The rate at which the peer has recently sent us block data, in bytes per second. */
    double downloadRate();

    /** The rate at which we have recently sent the peer block data, in bytes per second. */
    double uploadRate();

    /** Block bytes received from this peer since it connected. */
    long downloaded();

    /** Block bytes sent to this peer since it connected. */
    long uploaded();

    /** Whether the peer is interested in our pieces. */
    boolean interested();

    /** Whether we are interested in the peer's pieces. */
    boolean amInterested();

    /** Whether we are choking the peer now. */
    boolean amChoking();

    /** Whether the peer is choking us now. */
    boolean chokingUs();

    /** Whether the peer has every piece (it will never be interested in a leecher's upload). */
    boolean seed();

    /**
     * Whether the peer snubs us: it unchoked us and we want its pieces, yet it has sent no block for 60 seconds.
     * Policies that want another threshold use {@link #waitingSinceMillis()}.
     */
    boolean snubbed();

    /**
     * Since when the peer has kept us waiting: while it unchokes us and we want its pieces, the later of when that
     * began and when its last block arrived; {@link Long#MAX_VALUE} while it chokes us or we want nothing from it. So
     * {@code now - waitingSinceMillis() >= threshold} tells whether it snubs us by that threshold, and a peer that
     * just unchoked us after a long choke is not taken for a snubber.
     */
    long waitingSinceMillis();

    /** When the connection was established, on {@link ChokingView#nowMillis()}'s clock. */
    long connectedMillis();

    /** When the peer last sent us a block, or {@link #connectedMillis()} if it never has. */
    long lastBlockMillis();
}
