package dev.piecewise.core.picker;

/**
 * What a block that arrived from a peer was to the picker.
 *
 * @param kind           whether we asked that peer for it, and whether we still needed it
 * @param completesPiece whether it was the last missing block of its piece: the piece is ready to be verified
 */
public record BlockArrival(Kind kind, boolean completesPiece) {

    /** How a block arrived. */
    public enum Kind {
        /** Requested from this peer and still needed: write it. */
        REQUESTED,
        /** Still needed but not (or no longer) requested from this peer, for example after a timeout: write it. */
        UNREQUESTED,
        /** Already received, or its piece is verified: drop it. Counted as duplicate bytes. */
        DUPLICATE,
        /** Not a block of this torrent (piece out of range, offset not on a block boundary, wrong length). */
        INVALID
    }

    private static final BlockArrival[] CACHE = {
        new BlockArrival(Kind.REQUESTED, false), new BlockArrival(Kind.REQUESTED, true),
        new BlockArrival(Kind.UNREQUESTED, false), new BlockArrival(Kind.UNREQUESTED, true),
        new BlockArrival(Kind.DUPLICATE, false), new BlockArrival(Kind.INVALID, false),
    };

    static final BlockArrival DUPLICATE = CACHE[4];
    static final BlockArrival INVALID = CACHE[5];

    /** A needed block; shared instances, so that arrivals allocate nothing. */
    static BlockArrival needed(boolean requested, boolean completesPiece) {
        return CACHE[(requested ? 0 : 2) + (completesPiece ? 1 : 0)];
    }

    /** Whether the data should be written to storage. */
    public boolean useful() {
        return kind == Kind.REQUESTED || kind == Kind.UNREQUESTED;
    }
}
