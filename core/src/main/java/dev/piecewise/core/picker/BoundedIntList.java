package dev.piecewise.core.picker;

/**
 * A short list of distinct piece indices, most recent last, that keeps at most a fixed number: what a peer allows us
 * (allowed fast) or suggests. A peer that sends more than that cannot make us hold more.
 */
final class BoundedIntList {

    private final int[] items;
    private final boolean dropOldest;
    private int size;

    /** When full, either the oldest entry makes room ({@code dropOldest}) or new entries are ignored. */
    BoundedIntList(int capacity, boolean dropOldest) {
        this.items = new int[capacity];
        this.dropOldest = dropOldest;
    }

    int size() {
        return size;
    }

    int get(int i) {
        return i >= 0 && i < size ? items[i] : -1;
    }

    boolean contains(int value) {
        for (int i = 0; i < size; i++) {
            if (items[i] == value) {
                return true;
            }
        }
        return false;
    }

    void add(int value) {
        if (contains(value)) {
            return;
        }
        if (size == items.length) {
            if (!dropOldest) {
                return;
            }
            System.arraycopy(items, 1, items, 0, --size);
        }
        items[size++] = value;
    }
}
