package dev.piecewise.core.sim;

import dev.piecewise.core.choke.ChokePeer;
import dev.piecewise.core.picker.PickerPeer;
import dev.piecewise.core.stats.RateMeter;

/**
 * One peer's half of a simulated connection: what its choker reads of the remote peer, its picker's record of it, and
 * the transfer it sends over the connection (one block at a time from a queue of requested blocks).
 */
final class SimLink implements ChokePeer {

    /** Unique in the run; also the id the owner's picker knows the remote peer by. */
    final long id;
    final SimPeer owner;
    final SimPeer remote;
    /** The remote peer's half of the same connection. */
    SimLink mirror;
    PickerPeer pickerPeer;
    private final RateMeter downloadMeter;
    private final RateMeter uploadMeter;
    /** Whether the remote peer is interested in the owner's pieces. */
    boolean peerInterested;
    /** Whether the owner is interested in the remote peer's pieces (as its picker last said). */
    boolean amInterested;
    /** Whether the remote peer chokes the owner. */
    boolean peerChoking = true;
    boolean closed;
    /** Tells the remote peer's choker of a change of the owner's interest; queued at most once at a time. */
    Runnable interestTask;
    boolean interestPending;
    /** When the last block from the remote peer arrived, or {@link RateMeter#NEVER}. */
    long lastReceivedMillis = RateMeter.NEVER;
    /** The download rate the owner's picker was last told of. */
    double reportedRate;

    // the owner's transfer to the remote peer
    /** Blocks the remote peer requested and the owner has not started sending, as piece and block keys. */
    final LongQueue queue = new LongQueue();
    /** The block being sent, or -1. */
    long inFlight = -1;
    /** Whether a block is being sent (counted in both peers' transfer lists). */
    boolean active;
    double remainingBytes;
    /** Bytes per second. */
    double rate;
    /** The transfer's weight among the owner's transfers, as of the last reshare. */
    double weight;
    /** The transfer's weight in the owner's choking decision, as of the owner's rechoke number {@code shareAtRechoke}. */
    double share;
    long shareAtRechoke = -1;
    /** The owner's upload share for this transfer, bytes per second: the most it can get. */
    double demand;
    long lastUpdateMicros;
    // its place on the agenda (see TransferHeap)
    int heapIndex = -1;
    long finishMicros;
    long finishSequence;

    SimLink(long id, SimPeer owner, SimPeer remote, long nowMillis) {
        this.id = id;
        this.owner = owner;
        this.remote = remote;
        this.downloadMeter = new RateMeter(nowMillis);
        this.uploadMeter = new RateMeter(nowMillis);
    }

    static long key(int piece, int block) {
        return (long) piece << 32 | block;
    }

    static int piece(long key) {
        return (int) (key >>> 32);
    }

    static int block(long key) {
        return (int) key;
    }

    @Override
    public RateMeter downloadMeter() {
        return downloadMeter;
    }

    @Override
    public RateMeter uploadMeter() {
        return uploadMeter;
    }

    @Override
    public boolean peerInterested() {
        return peerInterested;
    }

    @Override
    public boolean amInterested() {
        return amInterested;
    }

    @Override
    public boolean peerChoking() {
        return peerChoking;
    }

    @Override
    public boolean peerIsSeed() {
        return pickerPeer.isSeed();
    }

    @Override
    public String toString() {
        return owner.number + "->" + remote.number;
    }
}
