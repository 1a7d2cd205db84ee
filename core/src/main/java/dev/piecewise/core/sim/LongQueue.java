package dev.piecewise.core.sim;

import java.util.Arrays;

/** A FIFO of longs without boxing: a connection's queue of requested blocks at the uploader. */
final class LongQueue {

    private long[] items = new long[8];
    private int head;
    private int size;

    void add(long value) {
        if (size == items.length) {
            long[] grown = new long[items.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = items[(head + i) % items.length];
            }
            items = grown;
            head = 0;
        }
        items[(head + size) % items.length] = value;
        size++;
    }

    long poll() {
        if (size == 0) {
            throw new IllegalStateException("empty");
        }
        long value = items[head];
        head = (head + 1) % items.length;
        size--;
        return value;
    }

    /** Removes the first occurrence of {@code value}; returns whether there was one. */
    boolean remove(long value) {
        for (int i = 0; i < size; i++) {
            if (items[(head + i) % items.length] == value) {
                for (int j = i; j < size - 1; j++) {
                    items[(head + j) % items.length] = items[(head + j + 1) % items.length];
                }
                size--;
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void clear() {
        head = 0;
        size = 0;
    }

    @Override
    public String toString() {
        long[] copy = new long[size];
        for (int i = 0; i < size; i++) {
            copy[i] = items[(head + i) % items.length];
        }
        return Arrays.toString(copy);
    }
}
