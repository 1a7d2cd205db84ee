package dev.piecewise.core.picker;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AvailabilityIndexTest {

    @Test
    void walksCandidatesRarestFirstThroughAnyMixOfEvents() {
        int pieces = 200;
        var random = new SplittableRandom(7);
        var index = new AvailabilityIndex(pieces, new SplittableRandom(1));
        int[] model = new int[pieces];
        boolean[] parked = new boolean[pieces];
        for (int step = 0; step < 20_000; step++) {
            int piece = random.nextInt(pieces);
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    index.increment(piece);
                    model[piece]++;
                }
                case 2 -> {
                    if (model[piece] > 0) {
                        index.decrement(piece);
                        model[piece]--;
                    }
                }
                case 3 -> {
                    index.park(piece);
                    parked[piece] = true;
                }
                default -> {
                    index.unpark(piece);
                    parked[piece] = false;
                }
            }
            if (step % 97 == 0) {
                assertMatches(index, model, parked);
            }
        }
        assertMatches(index, model, parked);
    }

    @Test
    void seedsAddToEveryPieceWithoutTouchingAny() {
        var index = new AvailabilityIndex(10, new SplittableRandom(1));
        index.increment(3);
        index.addSeed();
        index.addSeed();
        assertEquals(3, index.of(3));
        assertEquals(2, index.of(4));
        assertEquals(1, index.partialCount(3), "per-piece counts exclude seeds");
        assertEquals(0, index.lowestCandidateCount());
        index.removeSeed();
        assertEquals(1, index.of(4));
    }

    @Test
    void tiesComeOutInAnOrderThatDependsOnTheRandomSource() {
        List<Integer> first = walk(new AvailabilityIndex(50, new SplittableRandom(1)));
        List<Integer> second = walk(new AvailabilityIndex(50, new SplittableRandom(2)));
        assertEquals(Set.copyOf(first), Set.copyOf(second));
        assertNotEquals(first, second);
        assertEquals(first, walk(new AvailabilityIndex(50, new SplittableRandom(1))), "same seed, same order");
    }

    @Test
    void aPieceEnteringABucketLandsAtARandomPlaceInIt() {
        int[] firstPlaces = new int[2];
        for (int seed = 0; seed < 200; seed++) {
            var index = new AvailabilityIndex(20, new SplittableRandom(seed));
            for (int piece = 0; piece < 20; piece++) {
                index.increment(piece);
            }
            index.increment(0);
            index.decrement(0);
            // piece 0 re-entered bucket 1: it is not always at the same end of it
            List<Integer> order = walk(index);
            firstPlaces[order.indexOf(0) < 10 ? 0 : 1]++;
        }
        assertTrue(firstPlaces[0] > 50 && firstPlaces[1] > 50, "placements: " + firstPlaces[0] + "/" + firstPlaces[1]);
    }

    @Test
    void aVisitorThatStartsPiecesSeesEachCandidateAtMostOnceAndEnds() {
        var index = new AvailabilityIndex(100, new SplittableRandom(3));
        for (int piece = 0; piece < 100; piece++) {
            for (int i = 0; i < piece % 5; i++) {
                index.increment(piece);
            }
        }
        var seen = new ArrayList<Integer>();
        assertTrue(index.visit(piece -> {
            seen.add(piece);
            if (piece % 3 == 0) {
                index.park(piece);
            }
            if (piece % 7 == 0) {
                index.park((piece + 50) % 100);
            }
            return true;
        }));
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no piece twice");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(index.partialCount(seen.get(i - 1)) <= index.partialCount(seen.get(i)), "rarest first");
        }
    }

    @Test
    void aVisitorCanStopTheWalk() {
        var index = new AvailabilityIndex(10, new SplittableRandom(3));
        int[] visits = {0};
        assertFalse(index.visit(piece -> ++visits[0] < 4));
        assertEquals(4, visits[0]);
    }

    @Test
    void puttingPiecesBackFindsRoomEvenWhenTheirBucketHasNone() {
        var index = new AvailabilityIndex(6, new SplittableRandom(5));
        int[] model = {0, 1, 1, 2, 3, 3};
        for (int piece = 0; piece < 6; piece++) {
            for (int i = 0; i < model[piece]; i++) {
                index.increment(piece);
            }
        }
        boolean[] parked = new boolean[6];
        // parking then returning in an order that forces buckets to shift to make room
        for (int piece : new int[] {5, 0}) {
            index.park(piece);
            parked[piece] = true;
        }
        index.increment(0);
        index.increment(0);
        index.increment(0);
        model[0] = 3;
        index.unpark(0);
        parked[0] = false;
        index.unpark(5);
        parked[5] = false;
        assertMatches(index, model, parked);
    }

    private static List<Integer> walk(AvailabilityIndex index) {
        var order = new ArrayList<Integer>();
        index.visit(piece -> order.add(piece));
        return order;
    }

    private static void assertMatches(AvailabilityIndex index, int[] model, boolean[] parked) {
        List<Integer> order = walk(index);
        var expected = new HashSet<Integer>();
        int lowest = -1;
        for (int piece = 0; piece < model.length; piece++) {
            assertEquals(model[piece], index.partialCount(piece), "count of " + piece);
            assertEquals(!parked[piece], index.isCandidate(piece), "candidate " + piece);
            if (!parked[piece]) {
                expected.add(piece);
                lowest = lowest < 0 ? model[piece] : Math.min(lowest, model[piece]);
            }
        }
        assertEquals(expected, new HashSet<>(order), "every candidate once");
        assertEquals(expected.size(), order.size(), "every candidate once");
        for (int i = 1; i < order.size(); i++) {
            assertTrue(model[order.get(i - 1)] <= model[order.get(i)], "ascending availability at " + i);
        }
        assertEquals(lowest, index.lowestCandidateCount());
    }
}
