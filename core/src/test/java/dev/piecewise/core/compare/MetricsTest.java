package dev.piecewise.core.compare;

import dev.piecewise.api.CompareResult;
import dev.piecewise.core.swarm.AvailabilitySample;
import dev.piecewise.core.swarm.PeerOutcome;
import dev.piecewise.core.swarm.RunOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {

    private static final long SIZE = 1_000_000;

    /** A leecher that joined at {@code arrival} seconds and completed {@code took} seconds later (or never, -1). */
    static PeerOutcome leecher(int peer, String kind, double arrival, double firstPiece, double took, long uploaded,
                               long downloaded, long capacity) {
        long arrivalMillis = (long) (arrival * 1000);
        long completion = took < 0 ? PeerOutcome.NEVER : arrivalMillis + (long) (took * 1000);
        long first = firstPiece < 0 ? PeerOutcome.NEVER : arrivalMillis + (long) (firstPiece * 1000);
        long departure = took < 0 ? arrivalMillis + 100_000 : completion;
        return new PeerOutcome(peer, kind, false, arrivalMillis, first, completion, departure, uploaded, downloaded,
                downloaded, downloaded - SIZE > 0 ? downloaded - SIZE : 0, 0, capacity);
    }

    static PeerOutcome seed(long uploaded) {
        return new PeerOutcome(0, PeerOutcome.SEED_CLASS, true, 0, PeerOutcome.NEVER, PeerOutcome.NEVER, 100_000,
                uploaded, 0, 0, 0, 0, 50_000);
    }

    static RunOutcome run(int number, long seedBytesUntilAllOut, List<PeerOutcome> peers,
                          List<AvailabilitySample> samples) {
        return new RunOutcome("rarest", "tit-for-tat", number, number, true, 100_000, seedBytesUntilAllOut, 50_000,
                SIZE, peers, samples);
    }

    @Test
    void poolsLeechersOfEveryRunAndSpreadsPerRunFiguresOverRuns() {
        RunOutcome first = run(1, 1_200_000, List.of(seed(3_000_000),
                leecher(1, "fast", 0, 2, 10, 2_000_000, 1_000_000, 100_000),
                leecher(2, "slow", 1, 4, 30, 500_000, 1_100_000, 50_000)),
                List.of(new AvailabilitySample(0, 0, 0, 2, 0), new AvailabilitySample(5_000, 2, 2, 2, 0),
                        new AvailabilitySample(40_000, 1, 1.5, 1, 1)));
        RunOutcome second = run(2, 2_000_000, List.of(seed(3_000_000),
                leecher(1, "fast", 0, 3, 20, 1_000_000, 1_000_000, 100_000),
                leecher(2, "slow", 0, -1, -1, 0, 0, 50_000)),
                List.of(new AvailabilitySample(0, 1, 1, 2, 0)));

        CompareResult.Strategy figures = Metrics.of("rarest", List.of(first, second));

        assertEquals(2, figures.leechers());
        assertEquals(3, figures.completed());
        assertEquals(List.of(10.0, 20.0, 30.0), figures.completionTimes());
        assertEquals(new CompareResult.Spread(3, 10, 15, 20, 25, 30), figures.completionSeconds());
        assertEquals(3, figures.firstPieceSeconds().median());
        assertEquals(new CompareResult.Spread(2, 1.2, 1.4, 1.6, 1.8, 2.0), figures.seedCopies());
        assertEquals(100_000, figures.duplicateBytes().max());
        // run 1: samples up to its last completion (31 s): 0 and 2 -> 1.0; run 2 never completed: its one sample, 1
        assertEquals(1.0, figures.rarestCopies().median());
        assertEquals(List.of("fast", "slow"), figures.classes().stream().map(CompareResult.PeerClass::name).toList());
        CompareResult.PeerClass fast = figures.classes().getFirst();
        assertEquals(2, fast.peers());
        assertEquals(1.5, fast.shareRatio().median(), 1e-9);
        assertEquals(15, fast.completionSeconds().median(), 1e-9);
        // fast of run 1 used 2e6 / (1e5 * 10 s) = 2.0 (a finite capacity, overshot on purpose); slow of run 1: 0.33
        assertEquals(4, figures.uploadUtilization().count());
    }

    @Test
    void averagesTheRarestPieceOverRunsInEqualSteps() {
        RunOutcome first = run(1, SIZE, List.of(seed(SIZE)),
                List.of(new AvailabilitySample(0, 0, 0, 1, 0), new AvailabilitySample(1_000, 2, 2, 1, 0)));
        RunOutcome second = run(2, SIZE, List.of(seed(SIZE)),
                List.of(new AvailabilitySample(0, 2, 2, 1, 0), new AvailabilitySample(1_000, 4, 4, 1, 0)));

        List<CompareResult.Point> points = Metrics.rarestCopiesOverTime(List.of(first, second));

        assertEquals(new CompareResult.Point(0, 1), points.getFirst());
        assertTrue(points.stream().anyMatch(point -> point.value() == 3), "the second sample averages to 3: " + points);
        assertTrue(points.size() <= Metrics.MAX_POINTS);
    }
}
