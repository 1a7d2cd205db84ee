package dev.piecewise.core.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class TransferHeapTest {

    @Test
    void alwaysYieldsTheEarliestTransferThenTheEarliestScheduledAmidRandomMovesAndRemovals() {
        var random = new SplittableRandom(11);
        var heap = new TransferHeap();
        List<SimLink> links = new ArrayList<>();
        List<SimLink> model = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            links.add(new SimLink(i, null, null, 0));
        }
        long sequence = 0;
        for (int step = 0; step < 20_000; step++) {
            SimLink link = links.get(random.nextInt(links.size()));
            int dice = random.nextInt(10);
            if (dice < 6) {
                // few distinct times, so that ties are common and the sequence decides
                heap.schedule(link, random.nextInt(50), sequence++);
                if (!model.contains(link)) {
                    model.add(link);
                }
            } else if (dice < 8) {
                heap.remove(link);
                model.remove(link);
            } else if (!model.isEmpty()) {
                SimLink expected = model.stream().min(Comparator.<SimLink>comparingLong(l -> l.finishMicros)
                        .thenComparingLong(l -> l.finishSequence)).orElseThrow();
                assertSame(expected, heap.peek(), "step " + step);
                heap.remove(expected);
                model.remove(expected);
            }
        }
        while (!model.isEmpty()) {
            SimLink first = heap.peek();
            assertTrue(model.remove(first), "the heap held only scheduled transfers");
            heap.remove(first);
        }
        assertNull(heap.peek());
    }
}
