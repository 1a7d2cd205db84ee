package dev.piecewise.core.picker;

/**
 * A started piece: which of its blocks have arrived and from how many peers each is requested. A block is "free"
 * when it has neither arrived nor been requested. Requests are only ever outstanding on blocks that have not arrived.
 */
final class PartialPiece {

    final int piece;
    /** Orders started pieces by age. */
    final long sequence;
    private final int[] requests;
    private final boolean[] received;
    private int receivedCount;
    /** Blocks that have not arrived and are requested from at least one peer. */
    private int requestedCount;
    /** No block below this one is free. */
    private int firstFree;
    /** Whether the piece is in the list of started pieces with free blocks. */
    boolean listedOpen;

    PartialPiece(int piece, int blocks, long sequence) {
        this.piece = piece;
        this.sequence = sequence;
        this.requests = new int[blocks];
        this.received = new boolean[blocks];
    }

    int blocks() {
        return requests.length;
    }

    boolean received(int block) {
        return received[block];
    }

    int requests(int block) {
        return requests[block];
    }

    boolean isFree(int block) {
        return !received[block] && requests[block] == 0;
    }

    int freeCount() {
        return requests.length - receivedCount - requestedCount;
    }

    /** The lowest block that may be free; every block below it is not. */
    int firstFree() {
        while (firstFree < requests.length && !isFree(firstFree)) {
            firstFree++;
        }
        return firstFree;
    }

    boolean complete() {
        return receivedCount == requests.length;
    }

    /** Nothing of it has arrived or is requested: it can go back to the pieces not started. */
    boolean untouched() {
        return receivedCount == 0 && requestedCount == 0;
    }

    /** Records one more request for a block that has not arrived; returns whether the block was free. */
    boolean addRequest(int block) {
        if (requests[block]++ == 0) {
            requestedCount++;
            return true;
        }
        return false;
    }

    /** Records that one request for a block that has not arrived is gone; returns whether the block is free now. */
    boolean removeRequest(int block) {
        if (--requests[block] == 0) {
            requestedCount--;
            firstFree = Math.min(firstFree, block);
            return true;
        }
        return false;
    }

    /**
     * Records the arrival of a block that had not arrived; its requests are gone with it (the caller settles them
     * with the peers). Returns whether the block was free.
     */
    boolean receive(int block) {
        received[block] = true;
        receivedCount++;
        if (requests[block] > 0) {
            requests[block] = 0;
            requestedCount--;
            return false;
        }
        return true;
    }
}
