package dev.piecewise.core.swarm;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrivalsTest {

    @Test
    void aFlashCrowdArrivesWithinItsSpreadInNoClassOrder() {
        long[] times = new Arrivals.FlashCrowd(2_000).times(1_000, new SplittableRandom(1));

        assertTrue(Arrays.stream(times).allMatch(t -> t >= 0 && t <= 2_000));
        double lastHundred = Arrays.stream(times, 900, 1_000).average().orElseThrow();
        assertEquals(1_000, lastHundred, 150, "the last leechers of the plan do not come last");
    }

    @Test
    void poissonArrivalsHaveTheMeanGapAndAreShuffled() {
        long[] times = new Arrivals.Poisson(500).times(2_000, new SplittableRandom(2));

        long[] sorted = times.clone();
        Arrays.sort(sorted);
        assertEquals(500, (double) sorted[sorted.length - 1] / sorted.length, 50, "mean gap");
        assertTrue(!Arrays.equals(sorted, times), "not handed out in time order");
    }
}
