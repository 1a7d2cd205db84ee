package dev.piecewise.core.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LongQueueTest {

    @Test
    void behavesLikeAListThroughGrowthWrapAroundAndRemovalsFromTheMiddle() {
        var random = new SplittableRandom(3);
        var queue = new LongQueue();
        List<Long> model = new ArrayList<>();
        for (int step = 0; step < 50_000; step++) {
            int dice = random.nextInt(10);
            if (dice < 5) {
                long value = random.nextInt(40);
                queue.add(value);
                model.add(value);
            } else if (dice < 8 && !model.isEmpty()) {
                assertEquals(model.removeFirst(), queue.poll());
            } else if (dice < 9) {
                long value = random.nextInt(40);
                assertEquals(model.remove(Long.valueOf(value)), queue.remove(value));
            } else if (random.nextInt(50) == 0) {
                queue.clear();
                model.clear();
            }
            assertEquals(model.size(), queue.size());
            assertEquals(model.toString(), queue.toString());
        }
    }
}
