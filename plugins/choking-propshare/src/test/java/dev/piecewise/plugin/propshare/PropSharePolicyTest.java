package dev.piecewise.plugin.propshare;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingDecision.Slot;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.testkit.choking.FluidSwarm;
import dev.piecewise.testkit.choking.Swarm;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PropSharePolicyTest {

    private final Swarm swarm = new Swarm();

    private static ChokingPolicy policy(Map<String, String> options) {
        var provider = new PropShareProvider();
        return provider.create(Swarm.context(provider.options(), options, 5));
    }

    private static Set<Long> inSlot(ChokingDecision decision, Slot slot) {
        return decision.unchoked().values().stream().filter(u -> u.slot() == slot)
                .map(ChokingDecision.Unchoke::peer).collect(Collectors.toSet());
    }

    private static double share(ChokingDecision decision, long peer) {
        return decision.unchoked().get(peer).share();
    }

    /** Four interested peers that sent us 4, 6, 1 and 9 kB, and two interested peers that sent nothing. */
    private void fourContributorsTwoNot() {
        long[] sent = {4_000, 6_000, 1_000, 9_000};
        for (int i = 0; i < sent.length; i++) {
            swarm.add(i + 1).interestedInUs().downloaded = sent[i];
        }
        swarm.add(5).interestedInUs();
        swarm.add(6).interestedInUs();
    }

    @Test
    void sharesTheUploadInProportionToWhatEachPeerGaveLastRound() {
        fourContributorsTwoNot();
        var decision = policy(Map.of()).rechoke(swarm, true);
        assertEquals(Set.of(1L, 2L, 3L, 4L), inSlot(decision, Slot.REGULAR));
        assertEquals(0.8 * 4 / 20, share(decision, 1), 1e-9);
        assertEquals(0.8 * 6 / 20, share(decision, 2), 1e-9);
        assertEquals(0.8 * 1 / 20, share(decision, 3), 1e-9);
        assertEquals(0.8 * 9 / 20, share(decision, 4), 1e-9);
        Set<Long> optimistic = inSlot(decision, Slot.OPTIMISTIC);
        assertEquals(1, optimistic.size());
        assertTrue(Set.of(5L, 6L).containsAll(optimistic));
        assertEquals(0.2, share(decision, optimistic.iterator().next()), 1e-9, "the optimistic fifth");
    }

    @Test
    void onlyTheLastRoundCounts() {
        fourContributorsTwoNot();
        ChokingPolicy policy = policy(Map.of("optimistic-share", "0.5"));
        policy.rechoke(swarm, true);
        swarm.peers.get(0).downloaded += 3_000; // peer 1 gives 3 kB this round
        swarm.peers.get(3).downloaded += 1_000; // peer 4 gives 1 kB; 2 and 3 give nothing
        var decision = policy.rechoke(swarm, true);
        assertEquals(Set.of(1L, 4L), inSlot(decision, Slot.REGULAR), "past generosity earns nothing");
        assertEquals(0.5 * 3 / 4, share(decision, 1), 1e-9);
        assertEquals(0.5 * 1 / 4, share(decision, 4), 1e-9);
    }

    @Test
    void betweenRoundsTheSharesStay() {
        fourContributorsTwoNot();
        ChokingPolicy policy = policy(Map.of());
        var scheduled = policy.rechoke(swarm, true);
        swarm.peers.get(2).downloaded += 50_000; // counts at the next round, not on an event
        var event = policy.rechoke(swarm, false);
        assertEquals(scheduled.unchoked(), event.unchoked());
    }

    @Test
    void peersThatAreNotInterestedGetNoShare() {
        fourContributorsTwoNot();
        swarm.peers.get(3).interested = false;
        var decision = policy(Map.of()).rechoke(swarm, true);
        assertFalse(decision.isUnchoked(4));
        assertEquals(0.8 * 6 / 11, share(decision, 2), 1e-9);
    }

    @Test
    void withoutContributionsTheUploadIsSharedEquallyAmongBootstrapPeers() {
        swarm.seeding = true;
        for (long id = 1; id <= 10; id++) {
            swarm.add(id).interestedInUs();
        }
        var decision = policy(Map.of()).rechoke(swarm, true);
        assertEquals(4, decision.unchoked().size());
        decision.unchoked().values().forEach(u -> assertEquals(0.25, u.share(), 1e-9));
        assertEquals(6, policy(Map.of("bootstrap-peers", "6")).rechoke(swarm, true).unchoked().size());
    }

    @Test
    void theLargestContributorsFirstWithinTheCoresLimit() {
        for (long id = 1; id <= 10; id++) {
            swarm.add(id).interestedInUs().downloaded = id * 1_000;
        }
        swarm.add(11).interestedInUs();
        swarm.maxUnchoked = 5;
        var decision = policy(Map.of()).rechoke(swarm, true);
        assertEquals(Set.of(7L, 8L, 9L, 10L), inSlot(decision, Slot.REGULAR));
        Set<Long> optimistic = inSlot(decision, Slot.OPTIMISTIC);
        assertEquals(1, optimistic.size());
        assertTrue(optimistic.iterator().next() <= 6 || optimistic.contains(11L), "a peer without a share");
        assertEquals(0.8 * 10 / 34, share(decision, 10), 1e-9);

        swarm.maxUnchoked = 1;
        assertEquals(Set.of(10L), policy(Map.of()).rechoke(swarm, true).unchoked().keySet());
    }

    @Test
    void theOptimisticPeerRotatesEveryThirdRound() {
        for (long id = 1; id <= 6; id++) {
            swarm.add(id).interestedInUs();
        }
        swarm.peers.getFirst().downloaded = 1_000;
        ChokingPolicy policy = policy(Map.of());
        Long previous = null;
        for (int round = 0; round < 12; round++) {
            swarm.peers.getFirst().downloaded += 1_000; // peer 1 keeps contributing
            Set<Long> optimistic = inSlot(policy.rechoke(swarm, true), Slot.OPTIMISTIC);
            assertEquals(1, optimistic.size());
            Long current = optimistic.iterator().next();
            if (round % 3 == 0) {
                assertNotEquals(previous, current, "round " + round);
            } else {
                assertEquals(previous, current, "round " + round);
            }
            previous = current;
        }
    }

    @Test
    void aFreeRiderGetsOnlyOptimisticShares() {
        // the optimistic fifth of an upload outweighs one contributor's proportional share in a small swarm of
        // equals, so PropShare is kinder to a free rider than tit-for-tat here (about 0.65), yet it gets less
        double ratio = FluidSwarm.freeRiderRatio(new PropShareProvider(), 8, 1);
        assertTrue(ratio < 0.8, "free rider / contributor: " + ratio);
    }
}
