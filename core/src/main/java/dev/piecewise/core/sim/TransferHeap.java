package dev.piecewise.core.sim;

import java.util.Arrays;

/**
 * The block transfers in progress, ordered by when their block finishes (then by when that was scheduled): an indexed
 * binary heap, so that a transfer whose rate changes moves in place instead of leaving a stale event behind. Each
 * link is in the heap at most once and knows its position.
 */
final class TransferHeap {

    private SimLink[] heap = new SimLink[256];
    private int size;

    /** Puts {@code link} in the heap, or moves it, to finish at {@code micros}. */
    void schedule(SimLink link, long micros, long sequence) {
        link.finishMicros = micros;
        link.finishSequence = sequence;
        if (link.heapIndex < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            link.heapIndex = size;
            heap[size++] = link;
        }
        siftUp(link.heapIndex);
        siftDown(link.heapIndex);
    }

    /** Takes {@code link} out of the heap if it is in. */
    void remove(SimLink link) {
        int index = link.heapIndex;
        if (index < 0) {
            return;
        }
        link.heapIndex = -1;
        SimLink last = heap[--size];
        heap[size] = null;
        if (index < size) {
            heap[index] = last;
            last.heapIndex = index;
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
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!before(moving, heap[parent])) {
                break;
            }
            place(heap[parent], index);
            index = parent;
        }
        place(moving, index);
    }

    private void siftDown(int index) {
        SimLink moving = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], moving)) {
                break;
            }
            place(heap[child], index);
            index = child;
        }
        place(moving, index);
    }

    private void place(SimLink link, int index) {
        heap[index] = link;
        link.heapIndex = index;
    }

    static boolean before(SimLink a, SimLink b) {
        return a.finishMicros != b.finishMicros ? a.finishMicros < b.finishMicros
                : a.finishSequence < b.finishSequence;
    }
}
