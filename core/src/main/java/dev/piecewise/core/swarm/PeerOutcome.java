package dev.piecewise.core.swarm;

/**
 * What one peer of a run did. Times are milliseconds from the start of the run, {@link #NEVER} when it did not
 * happen.
 *
 * @param peer              the peer's number in the run (seeds first, then leechers in plan order)
 * @param peerClass         the leecher class's name, or {@code seed}
 * @param seed              whether it was one of the initial seeds
 * @param arrival           when it joined
 * @param firstPiece        when it had its first verified piece
 * @param completion        when it had every piece
 * @param departure         when it left, or the end of the run if it stayed
 * @param uploaded          block bytes it sent
 * @param downloaded        block bytes it received, duplicates included
 * @param fromLeechers      of those, the bytes sent by peers other than the initial seeds (what the incentives of a
 *                          choking policy govern), {@link #NEVER} where the swarm cannot tell
 * @param duplicateBytes    bytes of blocks it received when it already had them
 * @param wastedBytes       bytes of pieces that failed their hash check
 * @param uploadCapacity    its upload capacity (or cap) in bytes per second, 0 for a free rider or no cap
 */
public record PeerOutcome(int peer, String peerClass, boolean seed, long arrival, long firstPiece, long completion,
                          long departure, long uploaded, long downloaded, long fromLeechers, long duplicateBytes, long wastedBytes,
                          long uploadCapacity) {

    public static final long NEVER = -1;

    /** The class name of the initial seeds. */
    public static final String SEED_CLASS = "seed";

    public boolean completed() {
        return completion != NEVER;
    }

    /** Seconds from joining to completion, or NaN when it did not complete. */
    public double completionSeconds() {
        return completed() ? (completion - arrival) / 1000.0 : Double.NaN;
    }

    /** Seconds from joining to its first piece, or NaN. */
    public double firstPieceSeconds() {
        return firstPiece == NEVER ? Double.NaN : (firstPiece - arrival) / 1000.0;
    }

    /** Uploaded over downloaded, or NaN when it downloaded nothing. */
    public double shareRatio() {
        return downloaded == 0 ? Double.NaN : (double) uploaded / downloaded;
    }

    /**
     * The share of its upload capacity it used while present, or NaN when it has no known capacity (a free rider, an
     * uncapped lab peer) or was present for no time.
     */
    public double uploadUtilization() {
        long present = departure - arrival;
        return uploadCapacity <= 0 || present <= 0 ? Double.NaN : uploaded / (uploadCapacity * (present / 1000.0));
    }
}
