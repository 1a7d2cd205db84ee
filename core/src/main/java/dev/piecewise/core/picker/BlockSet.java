package dev.piecewise.core.picker;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A set of blocks, each written as {@link #key(int, int)}: the requests outstanding at one peer. Open addressing
 * with linear probing over a power-of-two table, so adding, removing and testing allocate nothing.
 */
final class BlockSet {

    private static final long EMPTY = -1;
    private static final int MIN_CAPACITY = 16;

    private long[] table = newTable(MIN_CAPACITY);
    /** 64 minus log2 of the table's length. */
    private int shift = shiftFor(MIN_CAPACITY);
    private int size;

    static long key(int piece, int block) {
        return (long) piece << 32 | block;
    }

    static int piece(long key) {
        return (int) (key >>> 32);
    }

    static int block(long key) {
        return (int) key;
    }

    int size() {
        return size;
    }

    boolean contains(long key) {
        return table[slotOf(key)] == key;
    }

    /** Returns whether {@code key} was added (it was not there). */
    boolean add(long key) {
        int slot = slotOf(key);
        if (table[slot] == key) {
            return false;
        }
        if (2 * (size + 1) > table.length) {
            rehash(table.length * 2);
            slot = slotOf(key);
        }
        table[slot] = key;
        size++;
        return true;
    }

    /** Returns whether {@code key} was there. */
    boolean remove(long key) {
        int slot = slotOf(key);
        if (table[slot] != key) {
            return false;
        }
        // shift later members of the probe run back so that every member stays reachable from its home slot
        int mask = table.length - 1;
        int hole = slot;
        for (int next = (hole + 1) & mask; table[next] != EMPTY; next = (next + 1) & mask) {
            int home = home(table[next]);
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                table[hole] = table[next];
                hole = next;
            }
        }
        table[hole] = EMPTY;
        size--;
        return true;
    }

    /** Hands every member to {@code action}, then empties the set. */
    void drain(LongConsumer action) {
        long[] members = table;
        table = newTable(MIN_CAPACITY);
        shift = shiftFor(MIN_CAPACITY);
        size = 0;
        for (long key : members) {
            if (key != EMPTY) {
                action.accept(key);
            }
        }
    }

    /** Visits every member; {@code action} must not change the set. */
    void forEach(LongConsumer action) {
        for (long key : table) {
            if (key != EMPTY) {
                action.accept(key);
            }
        }
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slotOf(long key) {
        int mask = table.length - 1;
        int slot = home(key);
        while (table[slot] != EMPTY && table[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Fibonacci hashing: the top bits of the product depend on every bit of the key, piece and block alike. */
    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private void rehash(int capacity) {
        long[] old = table;
        table = newTable(capacity);
        shift = shiftFor(capacity);
        for (long key : old) {
            if (key != EMPTY) {
                table[slotOf(key)] = key;
            }
        }
    }

    private static int shiftFor(int capacity) {
        return 64 - Integer.numberOfTrailingZeros(capacity);
    }

    private static long[] newTable(int capacity) {
        long[] table = new long[capacity];
        Arrays.fill(table, EMPTY);
        return table;
    }
}
