package dev.piecewise.plugin.titfortat;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingDecision.Slot;
import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.testkit.choking.FluidSwarm;
import dev.piecewise.testkit.choking.Swarm;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TitForTatPolicyTest {

    private static final long MINUTE = 60_000;

    private final Swarm swarm = new Swarm();

    private static ChokingPolicy policy(Map<String, String> options, long seed) {
        var provider = new TitForTatProvider();
        return provider.create(Swarm.context(provider.options(), options, seed));
    }

    private static ChokingPolicy policy() {
        return policy(Map.of(), 42);
    }

    private static Set<Long> inSlot(ChokingDecision decision, Slot slot) {
        return decision.unchoked().values().stream().filter(u -> u.slot() == slot)
                .map(ChokingDecision.Unchoke::peer).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Ten interested peers sending us 1..10 kB/s, connected long ago. */
    private void tenInterestedPeers() {
        swarm.now = 10 * MINUTE;
        for (long id = 1; id <= 10; id++) {
            swarm.add(id).interestedInUs().down(id * 1_000).up(11_000 - id * 1_000).connectedMillis = 0;
        }
    }

    @Test
    void unchokesTheFourFastestUploadersToUsAndOneOptimisticPeer() {
        tenInterestedPeers();
        var decision = policy().rechoke(swarm, true);
        assertEquals(Set.of(7L, 8L, 9L, 10L), inSlot(decision, Slot.REGULAR));
        Set<Long> optimistic = inSlot(decision, Slot.OPTIMISTIC);
        assertEquals(1, optimistic.size());
        assertTrue(optimistic.iterator().next() <= 6, "the optimistic peer is one without a regular slot");
    }

    @Test
    void whileSeedingTheRateIsWhatWeSendThem() {
        tenInterestedPeers();
        swarm.seeding = true;
        var decision = policy().rechoke(swarm, true);
        assertEquals(Set.of(1L, 2L, 3L, 4L), inSlot(decision, Slot.REGULAR));
    }

    @Test
    void slotCountsAreOptionsAndTheCoresLimitHolds() {
        tenInterestedPeers();
        var two = policy(Map.of("slots", "2", "optimistic-slots", "2"), 1).rechoke(swarm, true);
        assertEquals(Set.of(9L, 10L), inSlot(two, Slot.REGULAR));
        assertEquals(2, inSlot(two, Slot.OPTIMISTIC).size());

        swarm.maxUnchoked = 3;
        var limited = policy().rechoke(swarm, true);
        assertEquals(3, limited.unchoked().size());
        assertEquals(Set.of(9L, 10L), inSlot(limited, Slot.REGULAR), "one slot kept for exploring");
        assertEquals(1, inSlot(limited, Slot.OPTIMISTIC).size());

        swarm.maxUnchoked = 1;
        assertEquals(Set.of(10L), policy().rechoke(swarm, true).unchoked().keySet());
        swarm.maxUnchoked = 0;
        assertTrue(policy().rechoke(swarm, true).unchoked().isEmpty());
    }

    @Test
    void peersThatSendNothingHoldNoRegularSlotAndEmptySlotsGoRound() {
        swarm.now = 10 * MINUTE;
        swarm.add(1).interestedInUs().down(5_000);
        for (long id = 2; id <= 9; id++) {
            swarm.add(id).interestedInUs();
        }
        var decision = policy().rechoke(swarm, true);
        assertEquals(Set.of(1L), inSlot(decision, Slot.REGULAR));
        assertEquals(4, inSlot(decision, Slot.OPTIMISTIC).size(), "three empty regular slots + the optimistic one");
    }

    @Test
    void fasterPeersThatAreNotInterestedAreUnchokedAndTakeASlotWhenTheyBecomeInterested() {
        tenInterestedPeers();
        var fast = swarm.add(11).down(50_000);
        swarm.add(12).down(3_000);              // slower than the slowest regular peer (7 kB/s)
        var seed = swarm.add(13).down(90_000);  // a seed will never be interested: no point
        seed.seed = true;
        ChokingPolicy policy = policy();
        assertTrue(policy.triggers().contains(ChokingEvent.PEER_INTERESTED));

        var before = policy.rechoke(swarm, true);
        assertTrue(before.isUnchoked(11));
        assertFalse(before.isUnchoked(12));
        assertFalse(before.isUnchoked(13));
        assertEquals(Set.of(7L, 8L, 9L, 10L), inSlot(before, Slot.REGULAR).stream().filter(id -> id != 11)
                .collect(Collectors.toSet()));
        Set<Long> optimistic = inSlot(before, Slot.OPTIMISTIC);

        fast.interestedInUs();
        var after = policy.rechoke(swarm, false);
        assertEquals(Set.of(8L, 9L, 10L, 11L), inSlot(after, Slot.REGULAR), "the slowest of the four, 7, is choked");
        assertEquals(optimistic, inSlot(after, Slot.OPTIMISTIC), "an event does not rotate the optimistic slot");
    }

    @Test
    void aSnubbingPeerLosesItsRegularSlot() {
        tenInterestedPeers();
        var snubber = swarm.peers.get(9); // the fastest
        snubber.waitingSinceMillis = swarm.now - 61_000;
        swarm.peers.get(8).waitingSinceMillis = swarm.now - 59_000; // not yet
        var decision = policy().rechoke(swarm, true);
        assertEquals(Set.of(6L, 7L, 8L, 9L), inSlot(decision, Slot.REGULAR));

        var lenient = policy(Map.of("snub-time", "2m"), 42).rechoke(swarm, true);
        assertEquals(Set.of(7L, 8L, 9L, 10L), inSlot(lenient, Slot.REGULAR), "snub time is an option");

        swarm.seeding = true;
        snubber.up(100_000);
        assertTrue(inSlot(policy().rechoke(swarm, true), Slot.REGULAR).contains(10L),
                "snubbing means nothing to a seed");
    }

    @Test
    void theOptimisticSlotRotatesEveryThirdScheduledRoundOnly() {
        tenInterestedPeers();
        ChokingPolicy policy = policy();
        Long previous = null;
        for (int round = 0; round < 30; round++) {
            swarm.now += 10_000;
            Long current = inSlot(policy.rechoke(swarm, true), Slot.OPTIMISTIC).iterator().next();
            Long afterEvent = inSlot(policy.rechoke(swarm, false), Slot.OPTIMISTIC).iterator().next();
            assertEquals(current, afterEvent, "round " + round + ": events never rotate");
            if (round % 3 == 0) {
                assertNotEquals(previous, current, "round " + round + ": rotates to another peer");
            } else {
                assertEquals(previous, current, "round " + round + ": kept between rotations");
            }
            previous = current;
        }
    }

    @Test
    void theRotationFollowsTheOptimisticIntervalOption() {
        tenInterestedPeers();
        ChokingPolicy policy = policy(Map.of("interval", "5s", "optimistic-interval", "10s"), 3);
        Long previous = null;
        for (int round = 0; round < 10; round++) {
            Long current = inSlot(policy.rechoke(swarm, true), Slot.OPTIMISTIC).iterator().next();
            assertEquals(round % 2 == 0, !current.equals(previous), "round " + round);
            previous = current;
        }
    }

    @Test
    void newPeersAreThreeTimesAsLikelyToBePickedOptimistically() {
        // 4 regular peers, then 1 new and 3 old candidates: weights 3:1:1:1, so the new one wins half the draws
        // (a quarter with no weighting, 40 % at twice, 57 % at four times)
        int trials = 4_000;
        var wins = new HashMap<Long, Integer>();
        var random = new Random(7);
        for (int trial = 0; trial < trials; trial++) {
            var view = new Swarm();
            view.now = 10 * MINUTE;
            for (long id = 1; id <= 4; id++) {
                view.add(id).interestedInUs().down(10_000 * id).connectedMillis = 0;
            }
            for (long id = 5; id <= 7; id++) {
                view.add(id).interestedInUs().connectedMillis = 0;
            }
            view.add(8).interestedInUs().connectedMillis = view.now - 59_000;
            var policy = policy(Map.of(), random.nextLong());
            long picked = inSlot(policy.rechoke(view, true), Slot.OPTIMISTIC).iterator().next();
            wins.merge(picked, 1, Integer::sum);
        }
        double newShare = wins.getOrDefault(8L, 0) / (double) trials;
        assertEquals(0.5, newShare, 0.04, "share of draws won by the new peer: " + wins);
        for (long old = 5; old <= 7; old++) {
            assertEquals(1 / 6.0, wins.getOrDefault(old, 0) / (double) trials, 0.03, "old peer " + old);
        }
    }

    @Test
    void aDepartedOrUninterestedOptimisticPeerIsReplacedAtOnce() {
        tenInterestedPeers();
        ChokingPolicy policy = policy();
        long first = inSlot(policy.rechoke(swarm, true), Slot.OPTIMISTIC).iterator().next();
        swarm.peers.removeIf(p -> p.id == first);
        var after = policy.rechoke(swarm, false);
        Set<Long> optimistic = inSlot(after, Slot.OPTIMISTIC);
        assertEquals(1, optimistic.size());
        assertFalse(optimistic.contains(first));
    }

    @Test
    void nothingToDoWithoutInterestedPeers() {
        swarm.add(1).down(0);
        assertTrue(policy().rechoke(swarm, true).unchoked().isEmpty());
        assertTrue(policy().rechoke(new Swarm(), true).unchoked().isEmpty());
    }

    @Test
    void declaresItsOptions() {
        var provider = new TitForTatProvider();
        assertEquals("tit-for-tat", provider.id());
        assertEquals(List.of("slots", "optimistic-slots", "interval", "optimistic-interval", "snub-time",
                "new-peer-age", "new-peer-weight"), provider.options().stream().map(o -> o.key()).toList());
        assertEquals(10, policy().interval().toSeconds());
        assertEquals(20, policy(Map.of("interval", "20s"), 1).interval().toSeconds());
    }

    @Test
    void aFreeRiderGetsMarkedlyLessThanContributors() {
        // it only ever gets optimistic slots (about a third of a contributor's take); unchoke-all gives it 1.1
        double ratio = FluidSwarm.freeRiderRatio(new TitForTatProvider(), 8, 1);
        assertTrue(ratio < 0.5, "free rider / contributor: " + ratio);
    }
}
