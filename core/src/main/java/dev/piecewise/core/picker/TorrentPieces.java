package dev.piecewise.core.picker;

import dev.piecewise.core.plugin.CallWatch;
import dev.piecewise.spi.strategy.Availability;
import dev.piecewise.spi.strategy.PieceView;

import java.util.BitSet;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * One torrent's pieces: what we have, what is started and in flight, and the availability index; the
 * {@link PieceView} and {@link Availability} strategies see. Read methods answer a neutral value (0, {@code false},
 * -1) for an index out of range, since a buggy plugin may ask anything.
 */
final class TorrentPieces implements PieceView, Availability {

    final PieceGeometry geometry;
    final AvailabilityIndex index;
    final PartialPieces partials;
    private final BitSet have = new BitSet();
    private int haveCount;
    /** Blocks of needed pieces neither received nor requested. */
    private long unrequested;
    int peerCount;
    /** Unwinds a strategy that does not return (set by the picker). */
    CallWatch watch = new CallWatch();

    TorrentPieces(PieceGeometry geometry, RandomGenerator random) {
        this.geometry = geometry;
        this.index = new AvailabilityIndex(geometry.pieceCount(), random);
        this.partials = new PartialPieces(geometry.pieceCount());
        this.unrequested = geometry.totalBlocks();
    }

    @Override
    public int pieceCount() {
        watch.check();
        return geometry.pieceCount();
    }

    @Override
    public int pieceLength(int piece) {
        watch.check();
        return geometry.contains(piece) ? geometry.pieceLength(piece) : 0;
    }

    @Override
    public int blockCount(int piece) {
        watch.check();
        return geometry.contains(piece) ? geometry.blockCount(piece) : 0;
    }

    @Override
    public boolean have(int piece) {
        watch.check();
        return piece >= 0 && have.get(piece);
    }

    @Override
    public int haveCount() {
        watch.check();
        return haveCount;
    }

    boolean complete() {
        return haveCount == geometry.pieceCount();
    }

    @Override
    public int nextMissing(int from) {
        watch.check();
        int piece = have.nextClearBit(Math.max(from, 0));
        return piece < geometry.pieceCount() ? piece : -1;
    }

    @Override
    public int partialCount() {
        watch.check();
        return partials.startedCount();
    }

    @Override
    public int partial(int i) {
        watch.check();
        return i >= 0 && i < partials.startedCount() ? partials.started(i).piece : -1;
    }

    @Override
    public int openCount() {
        watch.check();
        return partials.openCount();
    }

    @Override
    public int open(int i) {
        watch.check();
        return i >= 0 && i < partials.openCount() ? partials.open(i).piece : -1;
    }

    @Override
    public boolean received(int piece, int block) {
        watch.check();
        if (!geometry.contains(piece) || block < 0 || block >= geometry.blockCount(piece)) {
            return false;
        }
        PartialPiece partial = partials.get(piece);
        return partial != null ? partial.received(block) : have.get(piece);
    }

    @Override
    public int requests(int piece, int block) {
        watch.check();
        PartialPiece partial = geometry.contains(piece) ? partials.get(piece) : null;
        return partial != null && block >= 0 && block < partial.blocks() ? partial.requests(block) : 0;
    }

    @Override
    public int unrequestedBlocks() {
        watch.check();
        return (int) Math.min(unrequested, Integer.MAX_VALUE);
    }

    @Override
    public int peerCount() {
        watch.check();
        return peerCount;
    }

    @Override
    public Availability availability() {
        watch.check();
        return this;
    }

    @Override
    public int of(int piece) {
        watch.check();
        return geometry.contains(piece) ? index.of(piece) : 0;
    }

    @Override
    public int min() {
        watch.check();
        int lowest = index.lowestCandidateCount();
        for (int i = 0; i < partials.startedCount(); i++) {
            int count = index.partialCount(partials.started(i).piece);
            lowest = lowest < 0 ? count : Math.min(lowest, count);
        }
        return lowest < 0 ? 0 : lowest + index.seeds();
    }

    @Override
    public boolean visitRarest(IntPredicate visitor) {
        watch.check();
        return index.visit(visitor);
    }

    /** The started piece {@code piece}, starting it if it is not. */
    PartialPiece startedPiece(int piece) {
        PartialPiece partial = partials.get(piece);
        if (partial == null) {
            partial = partials.start(piece, geometry.blockCount(piece));
            index.park(piece);
        }
        return partial;
    }

    void addRequest(PartialPiece partial, int block) {
        if (partial.addRequest(block)) {
            unrequested--;
            partials.update(partial);
        }
    }

    /** One request for a block that has not arrived is gone; a piece left untouched is no longer started. */
    void removeRequest(PartialPiece partial, int block) {
        if (partial.removeRequest(block)) {
            unrequested++;
            partials.update(partial);
            abandonIfUntouched(partial);
        }
    }

    /** Records the arrival of a block that had not arrived (its requests must be settled by the caller). */
    void receive(PartialPiece partial, int block) {
        if (partial.receive(block)) {
            unrequested--;
            partials.update(partial);
        }
    }

    /** We have {@code piece}, verified. Any requests still outstanding on it must be settled by the caller first. */
    void markHave(int piece) {
        if (have.get(piece)) {
            return;
        }
        PartialPiece partial = partials.get(piece);
        if (partial != null) {
            unrequested -= partial.freeCount();
            partials.remove(partial);
        } else {
            unrequested -= geometry.blockCount(piece);
            index.park(piece);
        }
        have.set(piece);
        haveCount++;
    }

    /** Forgets every block of a started piece (it failed its hash check) so that it starts again. */
    void restart(PartialPiece partial) {
        unrequested += partial.blocks() - partial.freeCount();
        partials.remove(partial);
        index.unpark(partial.piece);
    }

    private void abandonIfUntouched(PartialPiece partial) {
        if (partial.untouched()) {
            partials.remove(partial);
            index.unpark(partial.piece);
        }
    }
}
