package dev.piecewise.core.picker;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * How many connected peers have each piece, with the pieces still to start ("candidates") kept in buckets by that
 * count so that the rarest can be walked first without scanning every piece.
 *
 * <p>Candidates live in one array, bucket after bucket in ascending count, with free slots allowed between buckets.
 * A piece whose count changes by one moves to the neighbouring bucket through the free slot it leaves behind, and a
 * piece that stops being a candidate just leaves a free slot: both constant time. Putting a piece back finds a free
 * slot next to its bucket, usually at once (the slot it left). Every piece entering a bucket swaps with a random
 * member, so ties come out in random order.
 *
 * <p>Seeds are counted once rather than per piece: a have-all costs nothing per piece.
 */
final class AvailabilityIndex {

    private static final int FREE = -1;
    private static final int PARKED = -1;

    private final RandomGenerator random;
    /** Per piece: how many connected peers that are not seeds have announced it. */
    private final int[] count;
    /** Per piece: its slot, or {@link #PARKED} when it is not a candidate. */
    private final int[] slotOf;
    /** Candidates by bucket; {@link #FREE} between buckets. */
    private final int[] slots;
    /** Bucket {@code b} (the pieces of count {@code b}) occupies slots {@code [start[b], end[b])}. */
    private int[] start = new int[8];
    private int[] end = new int[8];
    private int buckets = 1;
    /** No candidate is in a bucket below this one. */
    private int lowest;
    private int seeds;

    /** Every piece starts as a candidate of count 0, in random order. */
    AvailabilityIndex(int pieceCount, RandomGenerator random) {
        this.random = random;
        count = new int[pieceCount];
        slotOf = new int[pieceCount];
        slots = new int[pieceCount];
        for (int i = 0; i < pieceCount; i++) {
            int j = random.nextInt(i + 1);
            slots[i] = slots[j];
            slots[j] = i;
        }
        for (int i = 0; i < pieceCount; i++) {
            slotOf[slots[i]] = i;
        }
        end[0] = pieceCount;
    }

    /** How many connected peers have {@code piece}, seeds included. */
    int of(int piece) {
        return count[piece] + seeds;
    }

    int seeds() {
        return seeds;
    }

    void addSeed() {
        seeds++;
    }

    void removeSeed() {
        seeds--;
    }

    boolean isCandidate(int piece) {
        return slotOf[piece] != PARKED;
    }

    /** A peer that is not a seed announced {@code piece}. */
    void increment(int piece) {
        int from = count[piece]++;
        if (slotOf[piece] == PARKED) {
            return;
        }
        ensureBuckets(from + 2);
        int last = end[from] - 1;
        swap(slotOf[piece], last);
        end[from] = last;
        // slot `last` is now free and lies below bucket from + 1, which can grow down into it
        moveTo(piece, --start[from + 1]);
        shuffleIn(piece, from + 1);
    }

    /** A peer that is not a seed and had {@code piece} left, or became a seed. */
    void decrement(int piece) {
        int from = count[piece]--;
        if (slotOf[piece] == PARKED) {
            return;
        }
        int first = start[from];
        swap(slotOf[piece], first);
        start[from] = first + 1;
        // slot `first` is now free and lies above bucket from - 1, which can grow up into it
        moveTo(piece, end[from - 1]++);
        shuffleIn(piece, from - 1);
        lowest = Math.min(lowest, from - 1);
    }

    /** Takes {@code piece} out of the candidates (we have it, or it is started). */
    void park(int piece) {
        int slot = slotOf[piece];
        if (slot == PARKED) {
            return;
        }
        int bucket = count[piece];
        int last = end[bucket] - 1;
        swap(slot, last);
        end[bucket] = last;
        slots[last] = FREE;
        slotOf[piece] = PARKED;
    }

    /** Makes {@code piece} a candidate again (it failed its hash check, or nothing of it is requested any more). */
    void unpark(int piece) {
        if (slotOf[piece] != PARKED) {
            return;
        }
        int bucket = count[piece];
        ensureBuckets(bucket + 1);
        moveTo(piece, freeSlotIn(bucket));
        shuffleIn(piece, bucket);
        lowest = Math.min(lowest, bucket);
    }

    /**
     * Walks the candidates from the rarest bucket up. The visitor may park pieces (start them): a parked piece is
     * not visited afterwards, and the walk still ends. Returns {@code false} if the visitor stopped it.
     */
    boolean visit(IntPredicate visitor) {
        for (int bucket = lowestNonEmpty(); bucket < buckets; bucket++) {
            int slot = start[bucket];
            while (slot < end[bucket]) {
                int piece = slots[slot];
                if (!visitor.test(piece)) {
                    return false;
                }
                if (slots[slot] == piece) {
                    slot++;
                }
                // otherwise the piece was parked: its slot now holds an unvisited piece, or the bucket shrank
            }
        }
        return true;
    }

    /** The lowest count of any candidate (seeds not included), or -1 when there is no candidate. */
    int lowestCandidateCount() {
        int bucket = lowestNonEmpty();
        return bucket < buckets ? bucket : -1;
    }

    /** The count of {@code piece} among peers that are not seeds. */
    int partialCount(int piece) {
        return count[piece];
    }

    private int lowestNonEmpty() {
        while (lowest < buckets && start[lowest] == end[lowest]) {
            lowest++;
        }
        return lowest;
    }

    private void ensureBuckets(int wanted) {
        if (wanted > start.length) {
            int length = Math.max(wanted, start.length * 2);
            start = Arrays.copyOf(start, length);
            end = Arrays.copyOf(end, length);
        }
        while (buckets < wanted) {
            start[buckets] = end[buckets - 1];
            end[buckets] = end[buckets - 1];
            buckets++;
        }
    }

    private int ceiling(int bucket) {
        return bucket + 1 < buckets ? start[bucket + 1] : slots.length;
    }

    private int floor(int bucket) {
        return bucket > 0 ? end[bucket - 1] : 0;
    }

    /** A free slot at either edge of {@code bucket}, claimed for it; shifts neighbouring buckets when none is free. */
    private int freeSlotIn(int bucket) {
        if (end[bucket] < ceiling(bucket)) {
            return end[bucket]++;
        }
        if (start[bucket] > floor(bucket)) {
            return --start[bucket];
        }
        for (int above = bucket + 1; above < buckets; above++) {
            if (end[above] < ceiling(above)) {
                for (int b = above; b > bucket; b--) {
                    shiftUp(b);
                }
                return end[bucket]++;
            }
        }
        for (int below = bucket - 1; below >= 0; below--) {
            if (start[below] > floor(below)) {
                for (int b = below; b < bucket; b++) {
                    shiftDown(b);
                }
                return --start[bucket];
            }
        }
        // a parked piece always leaves a free slot behind, so this cannot happen while the counts are consistent
        throw new IllegalStateException("no free slot for a piece of bucket " + bucket);
    }

    /** Moves {@code bucket} one slot up into the free slot just above it. */
    private void shiftUp(int bucket) {
        if (start[bucket] < end[bucket]) {
            moveTo(slots[start[bucket]], end[bucket]);
        }
        start[bucket]++;
        end[bucket]++;
    }

    /** Moves {@code bucket} one slot down into the free slot just below it. */
    private void shiftDown(int bucket) {
        if (start[bucket] < end[bucket]) {
            moveTo(slots[end[bucket] - 1], start[bucket] - 1);
        }
        start[bucket]--;
        end[bucket]--;
    }

    private void shuffleIn(int piece, int bucket) {
        int size = end[bucket] - start[bucket];
        if (size > 1) {
            swap(slotOf[piece], start[bucket] + random.nextInt(size));
        }
    }

    /** Puts {@code piece} into {@code slot}, freeing the slot it was in unless that is the same one. */
    private void moveTo(int piece, int slot) {
        int old = slotOf[piece];
        if (old != PARKED && old != slot) {
            slots[old] = FREE;
        }
        slots[slot] = piece;
        slotOf[piece] = slot;
    }

    private void swap(int a, int b) {
        int pa = slots[a];
        int pb = slots[b];
        slots[a] = pb;
        slots[b] = pa;
        slotOf[pa] = b;
        slotOf[pb] = a;
    }
}
