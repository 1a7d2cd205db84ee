package dev.piecewise.plugin.fastestupload;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingDecision.Slot;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.testkit.choking.Swarm;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastestUploadPolicyTest {

    private final Swarm swarm = new Swarm();

    private static ChokingPolicy policy(Map<String, String> options) {
        var provider = new FastestUploadProvider();
        return provider.create(Swarm.context(provider.options(), options, 1));
    }

    private static Set<Long> inSlot(ChokingDecision decision, Slot slot) {
        return decision.unchoked().values().stream().filter(u -> u.slot() == slot)
                .map(ChokingDecision.Unchoke::peer).collect(Collectors.toSet());
    }

    private static long trial(ChokingDecision decision) {
        return inSlot(decision, Slot.OPTIMISTIC).iterator().next();
    }

    /** Eight interested peers we send 1..8 MB/s, having sent them 8..1 MB so far. */
    private void eightLeechers() {
        swarm.seeding = true;
        for (long id = 1; id <= 8; id++) {
            var peer = swarm.add(id).interestedInUs().up(id * 1_000_000).down(9_000_000 - id * 1_000_000);
            peer.uploaded = (9 - id) * 1_000_000;
        }
    }

    @Test
    void unchokesThePeersWeSendToFastestAndTriesTheLeastTriedOne() {
        eightLeechers();
        var decision = policy(Map.of()).rechoke(swarm, true);
        assertEquals(Set.of(5L, 6L, 7L, 8L), inSlot(decision, Slot.REGULAR));
        assertEquals(4, trial(decision), "peer 4 has been sent the least among the others");
    }

    @Test
    void ranksByUploadRateWhileDownloadingToo() {
        eightLeechers();
        swarm.seeding = false;
        assertEquals(Set.of(5L, 6L, 7L, 8L), inSlot(policy(Map.of()).rechoke(swarm, true), Slot.REGULAR));
    }

    @Test
    void theTrialSlotMovesOnEveryThirdRoundToTheLeastTriedPeer() {
        eightLeechers();
        ChokingPolicy policy = policy(Map.of());
        long[] expected = {4, 4, 4, 3, 3, 3, 2, 2, 2, 1};
        for (int round = 0; round < expected.length; round++) {
            var decision = swarm.apply(policy.rechoke(swarm, true));
            assertEquals(expected[round], trial(decision), "round " + round);
            assertEquals(expected[round], trial(policy.rechoke(swarm, false)), "events keep the trial");
            // what the trial peer receives counts: it is no longer the least tried
            swarm.peers.get((int) expected[round] - 1).uploaded += 10_000_000;
        }
    }

    @Test
    void aFastPeerFoundByTheTrialWinsARegularSlot() {
        eightLeechers();
        ChokingPolicy policy = policy(Map.of());
        var newcomer = swarm.add(9).interestedInUs();
        assertEquals(9, trial(policy.rechoke(swarm, true)), "never sent anything: tried first");
        newcomer.up(20_000_000);
        var next = policy.rechoke(swarm, true);
        assertTrue(inSlot(next, Slot.REGULAR).contains(9L));
        assertEquals(Set.of(6L, 7L, 8L, 9L), inSlot(next, Slot.REGULAR), "the slowest regular peer made way");
    }

    @Test
    void slotsAndTheCoresLimit() {
        eightLeechers();
        assertEquals(Set.of(7L, 8L), inSlot(policy(Map.of("slots", "2")).rechoke(swarm, true), Slot.REGULAR));
        swarm.maxUnchoked = 3;
        var limited = policy(Map.of()).rechoke(swarm, true);
        assertEquals(Set.of(7L, 8L), inSlot(limited, Slot.REGULAR));
        assertEquals(3, limited.unchoked().size());
        swarm.maxUnchoked = 1;
        assertEquals(Set.of(8L), policy(Map.of()).rechoke(swarm, true).unchoked().keySet());
    }

    @Test
    void uninterestedPeersGetNothing() {
        swarm.add(1).up(5_000);
        assertTrue(policy(Map.of()).rechoke(swarm, true).unchoked().isEmpty());
    }
}
