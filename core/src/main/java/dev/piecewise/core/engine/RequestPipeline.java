package dev.piecewise.core.engine;

import dev.piecewise.spi.strategy.PieceView;

/**
 * Our requests at one peer, in the order we sent them, and how many the peer's rate earns.
 *
 * <p>Depth: enough requests outstanding to cover {@link #TARGET_MILLIS} of the peer's recent rate, at least
 * {@link #MIN_DEPTH}, at most {@link #MAX_DEPTH} and the peer's advertised {@code reqq}. A new peer starts at
 * {@link #INITIAL_DEPTH} blocks (1 MiB), which keeps a fast loopback seeder busy before any rate is known.
 *
 * <p>Timing: a peer that sends nothing for the request timeout while requests are outstanding is stalled, and all of
 * them are taken back. Requests we cancelled or that timed out are remembered for a while, so that a block already on
 * its way when we gave up is a late arrival, not a block we never asked for (which drops the peer).
 *
 * <p>Not thread-safe: used under the torrent's lock.
 */
final class RequestPipeline {

    static final int INITIAL_DEPTH = 64;
    static final int MIN_DEPTH = 16;
    static final int MAX_DEPTH = 500;
    /** Requests per peer when it advertises no {@code reqq}: libtorrent's assumption for such peers. */
    static final int DEFAULT_PEER_QUEUE = 250;
    static final long TARGET_MILLIS = 1000;
    private static final int ABANDONED_MEMORY = 256;
    private static final int INITIAL_CAPACITY = 64;
    private static final int MAX_CAPACITY = Integer.highestOneBit(MAX_DEPTH) * 2;

    /** A ring, grown by doubling as the pipeline deepens: a slow peer never costs the room of a fast one. */
    private long[] keys = new long[INITIAL_CAPACITY];
    private long[] sentNanos = new long[INITIAL_CAPACITY];
    private int head;
    private int size;
    private final long[] abandoned = new long[ABANDONED_MEMORY];
    private int abandonedNext;
    private int abandonedSize;
    private long lastArrivalNanos;

    /** Where taken-back requests go. */
    interface Released {
        void release(int piece, int begin);
    }

    static long key(int piece, int begin) {
        return (long) piece << 32 | begin;
    }

    static int piece(long key) {
        return (int) (key >>> 32);
    }

    static int begin(long key) {
        return (int) key;
    }

    int outstanding() {
        return size;
    }

    /**
     * How many requests to keep outstanding.
     *
     * @param rate       the bytes per second the peer sent recently, 0 if none yet
     * @param peerQueue  the most requests the peer keeps ({@code reqq}), or 0 if it did not say
     */
    static int depth(double rate, int peerQueue) {
        int cap = Math.min(MAX_DEPTH, peerQueue > 0 ? peerQueue : DEFAULT_PEER_QUEUE);
        if (rate <= 0) {
            return Math.min(INITIAL_DEPTH, cap);
        }
        double blocks = rate * TARGET_MILLIS / 1000 / PieceView.BLOCK_SIZE;
        return (int) Math.max(Math.min(MIN_DEPTH, cap), Math.min(Math.ceil(blocks), cap));
    }

    void sent(int piece, int begin, long nowNanos) {
        if (size == keys.length) {
            grow();
        }
        if (size == 0) {
            lastArrivalNanos = nowNanos;
        }
        int slot = (head + size) & (keys.length - 1);
        keys[slot] = key(piece, begin);
        sentNanos[slot] = nowNanos;
        size++;
    }

    /** A block arrived; returns whether we asked this peer for it (outstanding, or given up on lately). */
    boolean arrived(int piece, int begin, long nowNanos) {
        lastArrivalNanos = nowNanos;
        long key = key(piece, begin);
        return remove(key) || wasAbandoned(key);
    }

    /** The peer rejected a request; returns whether it was outstanding. */
    boolean rejected(int piece, int begin) {
        return remove(key(piece, begin));
    }

    /** We cancelled a request (its block came from another peer): it may still arrive. */
    void cancelled(int piece, int begin) {
        long key = key(piece, begin);
        if (remove(key)) {
            abandon(key);
        }
    }

    /**
     * Takes back every request if the peer has sent nothing for {@code timeoutNanos} while they were outstanding.
     *
     * @return how many were taken back
     */
    int releaseIfStalled(long nowNanos, long timeoutNanos, Released released) {
        if (size == 0 || nowNanos - Math.max(lastArrivalNanos, sentNanos[head]) < timeoutNanos) {
            return 0;
        }
        int count = size;
        while (size > 0) {
            long key = keys[head];
            abandonAt(head);
            released.release(piece(key), begin(key));
        }
        return count;
    }

    /** Gives up every request without telling anyone: the peer discarded them by choking us (no fast extension). */
    void abandonAll() {
        while (size > 0) {
            abandonAt(head);
        }
    }

    private void abandonAt(int slot) {
        abandon(keys[slot]);
        head = (head + 1) & (keys.length - 1);
        size--;
    }

    private void grow() {
        if (keys.length == MAX_CAPACITY) {
            throw new IllegalStateException("more than " + MAX_CAPACITY + " requests outstanding");
        }
        long[] newKeys = new long[keys.length * 2];
        long[] newSent = new long[keys.length * 2];
        for (int i = 0; i < size; i++) {
            newKeys[i] = keys[(head + i) & (keys.length - 1)];
            newSent[i] = sentNanos[(head + i) & (keys.length - 1)];
        }
        keys = newKeys;
        sentNanos = newSent;
        head = 0;
    }

    private boolean remove(long key) {
        int mask = keys.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & mask;
            if (keys[slot] == key) {
                // keep the order: close the gap by moving the earlier entries up one slot
                for (int j = i; j > 0; j--) {
                    int to = (head + j) & mask;
                    int from = (head + j - 1) & mask;
                    keys[to] = keys[from];
                    sentNanos[to] = sentNanos[from];
                }
                head = (head + 1) & mask;
                size--;
                return true;
            }
        }
        return false;
    }

    private void abandon(long key) {
        abandoned[abandonedNext] = key;
        abandonedNext = (abandonedNext + 1) % abandoned.length;
        abandonedSize = Math.min(abandonedSize + 1, abandoned.length);
    }

    private boolean wasAbandoned(long key) {
        for (int i = 0; i < abandonedSize; i++) {
            if (abandoned[i] == key) {
                abandoned[i] = -1;
                return true;
            }
        }
        return false;
    }
}
