package dev.piecewise.core.sim;

import java.util.Arrays;

/**
 * The block transfers in progress, ordered by when their block finishes (then by when that was scheduled): an indexed
 * binary heap, so that a transfer whose rate changes moves in place instead of leaving a stale event behind. Each
 * link is in the heap at most once and knows its position.
 */
final class TransferHeap {

    private static final int INITIAL_CAPACITY = 256;

    private SimLink[] heap = new SimLink[INITIAL_CAPACITY];
    // each entry's finish time and sequence beside it, so that sifting compares without reaching into the links
    // (thousands of them, scattered in memory: one cache miss per comparison otherwise)
    private long[] times = new long[INITIAL_CAPACITY];
    private long[] sequences = new long[INITIAL_CAPACITY];
    private int size;

    /** Puts {@code link} in the heap, or moves it, to finish at {@code micros}. */
    void schedule(SimLink link, long micros, long sequence) {
        link.finishMicros = micros;
        link.finishSequence = sequence;
        int index = link.heapIndex;
        if (index < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
                times = Arrays.copyOf(times, size * 2);
                sequences = Arrays.copyOf(sequences, size * 2);
            }
            index = size++;
        }
        place(link, micros, sequence, index);
        siftUp(index);
        siftDown(link.heapIndex);
    }

    /** Takes {@code link} out of the heap if it is in. */
    void remove(SimLink link) {
        int index = link.heapIndex;
        if (index < 0) {
            return;
        }
        link.heapIndex = -1;
        int lastIndex = --size;
        SimLink last = heap[lastIndex];
        heap[lastIndex] = null;
        if (index < lastIndex) {
            place(last, times[lastIndex], sequences[lastIndex], index);
            siftUp(index);
            siftDown(last.heapIndex);
        }
    }

    /** The transfer that finishes first, or null. */
    SimLink peek() {
        return size == 0 ? null : heap[0];
    }

    private void siftUp(int index) {
        SimLink moving = heap[index];
        long time = times[index];
        long sequence = sequences[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!before(time, sequence, parent)) {
                break;
            }
            place(heap[parent], times[parent], sequences[parent], index);
            index = parent;
        }
        place(moving, time, sequence, index);
    }

    private void siftDown(int index) {
        SimLink moving = heap[index];
        long time = times[index];
        long sequence = sequences[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(times[child + 1], sequences[child + 1], child)) {
                child++;
            }
            if (before(time, sequence, child)) {
                break;
            }
            place(heap[child], times[child], sequences[child], index);
            index = child;
        }
        place(moving, time, sequence, index);
    }

    private void place(SimLink link, long time, long sequence, int index) {
        heap[index] = link;
        times[index] = time;
        sequences[index] = sequence;
        link.heapIndex = index;
    }

    /** Whether a transfer finishing at {@code time}, scheduled at {@code sequence}, comes before entry {@code index}. */
    private boolean before(long time, long sequence, int index) {
        return time != times[index] ? time < times[index] : sequence < sequences[index];
    }
}
