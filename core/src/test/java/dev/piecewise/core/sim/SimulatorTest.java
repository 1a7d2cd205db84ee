package dev.piecewise.core.sim;

import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.swarm.Arrivals;
import dev.piecewise.core.swarm.PeerClass;
import dev.piecewise.core.swarm.PeerOutcome;
import dev.piecewise.core.swarm.RunOutcome;
import dev.piecewise.core.swarm.SwarmPlan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorTest {

    private static final int KIB = 1024;
    /** 40 pieces of 64 KiB (4 blocks each), the last one 10 KiB short. */
    private static final PieceGeometry GEOMETRY = new PieceGeometry(40L * 64 * KIB - 10 * KIB, 64 * KIB);

    private static SimScenario scenario(SwarmPlan plan) {
        return new SimScenario(GEOMETRY, plan, SimSettings.DEFAULTS);
    }

    private static SwarmPlan flashCrowd(int leechers, long seedUpload, long leecherUpload) {
        return new SwarmPlan(1, seedUpload, SwarmPlan.NEVER,
                List.of(PeerClass.of("leecher", leechers, leecherUpload, 0)), new Arrivals.FlashCrowd(0), 0);
    }

    @Test
    void oneLeecherFromOneSeedTakesTheSizeOverTheSeedsUpload() {
        long upload = 64 * KIB;
        RunOutcome outcome = Simulator.run(scenario(flashCrowd(1, upload, 32 * KIB)), TestPolicies.rarest(), 1, 7,
                SimProgress.NONE);

        PeerOutcome leecher = outcome.leechers().getFirst();
        double expected = (double) GEOMETRY.totalLength() / upload;
        double blockTime = 16.0 * KIB / upload;
        assertTrue(outcome.finished());
        assertTrue(leecher.completionSeconds() >= expected - 0.001
                        && leecher.completionSeconds() <= expected + blockTime,
                "completed in " + leecher.completionSeconds() + " s, expected " + expected + " s");
        assertEquals(GEOMETRY.totalLength(), leecher.downloaded());
        assertEquals(0, leecher.uploaded());
        assertEquals(GEOMETRY.totalLength(), outcome.peers().getFirst().uploaded());
    }

    @Test
    void aSlowDownlinkIsTheBottleneckWhenItIsSlowerThanTheSeed() {
        long download = 16 * KIB;
        var plan = new SwarmPlan(1, 64 * KIB, SwarmPlan.NEVER, List.of(PeerClass.of("slow", 1, 8 * KIB, download)),
                new Arrivals.FlashCrowd(0), 0);

        PeerOutcome leecher = Simulator.run(scenario(plan), TestPolicies.rarest(), 1, 7, SimProgress.NONE)
                .leechers().getFirst();

        double expected = (double) GEOMETRY.totalLength() / download;
        assertEquals(expected, leecher.completionSeconds(), 1.0, "completion in seconds");
    }

    @Test
    void twoLeechersShareTheSeedAndTradeWithEachOther() {
        long upload = 64 * KIB;
        RunOutcome outcome = Simulator.run(scenario(flashCrowd(2, upload, upload)), TestPolicies.rarest(), 1, 3,
                SimProgress.NONE);

        // the seed sends each of them half its upload, and each forwards what it got: both finish near size/upload
        double ideal = (double) GEOMETRY.totalLength() / upload;
        for (PeerOutcome leecher : outcome.leechers()) {
            assertEquals(ideal, leecher.completionSeconds(), ideal * 0.25, "completion of " + leecher.peer());
            assertTrue(leecher.uploaded() > 0, "leecher " + leecher.peer() + " uploaded to the other");
        }
        assertTrue(outcome.peers().getFirst().uploaded() < 1.5 * GEOMETRY.totalLength(),
                "the seed did not have to send everything twice: " + outcome.peers().getFirst().uploaded());
    }

    @Test
    void theSameSeedGivesTheSameOutcomeAndAnotherSeedAnother() {
        var plan = new SwarmPlan(2, 48 * KIB, SwarmPlan.NEVER,
                List.of(PeerClass.of("fast", 15, 64 * KIB, 256 * KIB), PeerClass.of("slow", 15, 16 * KIB, 64 * KIB),
                        PeerClass.freeRiders("free-rider", 3, 128 * KIB)),
                new Arrivals.Poisson(1_500), 5_000);

        RunOutcome first = Simulator.run(scenario(plan), TestPolicies.rarest(), 1, 42, SimProgress.NONE);
        RunOutcome second = Simulator.run(scenario(plan), TestPolicies.rarest(), 1, 42, SimProgress.NONE);
        RunOutcome other = Simulator.run(scenario(plan), TestPolicies.rarest(), 1, 43, SimProgress.NONE);

        assertTrue(first.finished());
        assertEquals(first, second);
        assertNotEquals(first.peers(), other.peers());
    }

    @Test
    void bytesAreConservedAndEveryCompleteLeecherGotExactlyTheTorrent() {
        var plan = new SwarmPlan(1, 40 * KIB, SwarmPlan.NEVER,
                List.of(PeerClass.of("fast", 20, 64 * KIB, 0), PeerClass.freeRiders("free-rider", 2, 0)),
                new Arrivals.FlashCrowd(2_000), SwarmPlan.NEVER);

        RunOutcome outcome = Simulator.run(scenario(plan), TestPolicies.rarest(), 1, 5, SimProgress.NONE);

        assertTrue(outcome.finished());
        long uploaded = outcome.peers().stream().mapToLong(PeerOutcome::uploaded).sum();
        long downloaded = outcome.peers().stream().mapToLong(PeerOutcome::downloaded).sum();
        assertEquals(uploaded, downloaded);
        for (PeerOutcome leecher : outcome.leechers()) {
            assertTrue(leecher.completed(), "leecher " + leecher.peer() + " completed");
            assertEquals(GEOMETRY.totalLength(), leecher.downloaded() - leecher.duplicateBytes(),
                    "useful bytes of leecher " + leecher.peer());
            if (leecher.peerClass().equals("free-rider")) {
                assertEquals(0, leecher.uploaded(), "a free rider uploads nothing");
            }
        }
    }

    @Test
    void leechersLeaveOnCompletionAndTheSeedsBytesUntilAllOutAreCounted() {
        RunOutcome outcome = Simulator.run(scenario(flashCrowd(12, 32 * KIB, 32 * KIB)), TestPolicies.rarest(), 1, 9,
                SimProgress.NONE);

        for (PeerOutcome leecher : outcome.leechers()) {
            assertEquals(leecher.completion(), leecher.departure(), "leecher " + leecher.peer() + " left at once");
        }
        assertTrue(outcome.allOutMillis() > 0 && outcome.allOutMillis() <= outcome.durationMillis());
        assertTrue(outcome.seedBytesUntilAllOut() >= GEOMETRY.totalLength(),
                "the seed sent every piece at least once: " + outcome.seedBytesUntilAllOut());
        assertTrue(outcome.seedBytesUntilAllOut() <= outcome.peers().getFirst().uploaded());
    }

    @Test
    void aSwarmWhoseSeedLeavesTooEarlyStopsAsUnfinishedBeforeTheTimeLimit() {
        var plan = new SwarmPlan(1, 16 * KIB, 5_000, List.of(PeerClass.of("leecher", 4, 16 * KIB, 0)),
                new Arrivals.FlashCrowd(0), 0);

        RunOutcome outcome = Simulator.run(scenario(plan), TestPolicies.rarest(), 1, 1, SimProgress.NONE);

        assertFalse(outcome.finished());
        assertTrue(outcome.durationMillis() < 60_000, "stopped after " + outcome.durationMillis() + " ms");
        assertTrue(outcome.leechers().stream().noneMatch(PeerOutcome::completed));
    }

    @Test
    void progressIsReportedUpToEveryLeecher() {
        List<Integer> reported = new ArrayList<>();
        Simulator.run(scenario(flashCrowd(10, 64 * KIB, 32 * KIB)), TestPolicies.rarest(), 1, 2,
                (completed, leechers, millis) -> {
                    assertEquals(10, leechers);
                    reported.add(completed);
                });

        assertEquals(10, reported.getLast());
        for (int i = 1; i < reported.size(); i++) {
            assertTrue(reported.get(i) >= reported.get(i - 1), "progress never goes back: " + reported);
        }
    }

    @Test
    void withASlowSeedRarestFirstGetsEveryPieceOutForLessSeedUploadThanLowestFirst() {
        var plan = flashCrowd(40, 24 * KIB, 48 * KIB);
        double rarest = 0;
        double lowest = 0;
        for (long seed = 1; seed <= 3; seed++) {
            rarest += Simulator.run(scenario(plan), TestPolicies.rarest(), 1, seed, SimProgress.NONE)
                    .seedCopiesUntilAllOut();
            lowest += Simulator.run(scenario(plan), TestPolicies.lowest(), 1, seed, SimProgress.NONE)
                    .seedCopiesUntilAllOut();
        }
        assertTrue(rarest < lowest, "seed copies until all out: rarest " + rarest / 3 + ", lowest " + lowest / 3);
    }
}
