package dev.piecewise.plugin.roundrobin;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.testkit.choking.FluidSwarm;
import dev.piecewise.testkit.choking.Swarm;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundRobinPolicyTest {

    private final Swarm swarm = new Swarm();

    private static ChokingPolicy policy(Map<String, String> options) {
        var provider = new RoundRobinProvider();
        return provider.create(Swarm.context(provider.options(), options, 1));
    }

    private ChokingDecision turn(ChokingPolicy policy) {
        return swarm.apply(policy.rechoke(swarm, true));
    }

    @Test
    void everyLeecherIsServedOncePerRotation() {
        swarm.seeding = true;
        for (long id = 1; id <= 12; id++) {
            swarm.add(id).interestedInUs().up(id * 100_000); // speed does not matter
        }
        ChokingPolicy policy = policy(Map.of());
        var served = new HashMap<Long, Integer>();
        for (int round = 1; round <= 30; round++) {
            var decision = turn(policy);
            assertEquals(4, decision.unchoked().size());
            decision.unchoked().keySet().forEach(id -> served.merge(id, 1, Integer::sum));
            if (round % 3 == 0) {
                assertEquals(12, served.size(), "after " + round + " turns everyone has had one");
                int turns = round / 3;
                served.forEach((id, count) -> assertEquals(turns, count, "peer " + id));
            }
        }
    }

    @Test
    void aNewcomerQueuesBehindThoseAlreadyWaiting() {
        swarm.seeding = true;
        for (long id = 1; id <= 6; id++) {
            swarm.add(id).interestedInUs();
        }
        ChokingPolicy policy = policy(Map.of("slots", "2"));
        assertEquals(Set.of(1L, 2L), turn(policy).unchoked().keySet());
        swarm.add(7).interestedInUs();
        assertEquals(Set.of(3L, 4L), turn(policy).unchoked().keySet());
        assertEquals(Set.of(5L, 6L), turn(policy).unchoked().keySet());
        assertEquals(Set.of(1L, 2L), turn(policy).unchoked().keySet());
        assertEquals(Set.of(7L, 3L), turn(policy).unchoked().keySet());
    }

    @Test
    void aFreedSlotIsRefilledBetweenTurnsWithoutDisturbingTheOthers() {
        swarm.seeding = true;
        for (long id = 1; id <= 6; id++) {
            swarm.add(id).interestedInUs();
        }
        ChokingPolicy policy = policy(Map.of("slots", "3"));
        assertEquals(Set.of(1L, 2L, 3L), turn(policy).unchoked().keySet());
        swarm.peers.get(1).interested = false;
        var between = swarm.apply(policy.rechoke(swarm, false));
        assertEquals(Set.of(1L, 3L, 4L), between.unchoked().keySet());
        assertEquals(Set.of(5L, 6L, 1L), turn(policy).unchoked().keySet(), "peer 4 was served: it queues again");
    }

    @Test
    void whileDownloadingAllButOneSlotReciprocate() {
        for (long id = 1; id <= 8; id++) {
            swarm.add(id).interestedInUs();
        }
        swarm.peers.get(0).down(30_000);
        swarm.peers.get(1).down(20_000);
        swarm.peers.get(2).down(10_000);
        swarm.peers.get(3).down(40_000).snubbed = true; // fast once, but keeps us waiting now: no reward
        ChokingPolicy policy = policy(Map.of());
        var rotating = new HashMap<Long, Integer>();
        for (int round = 0; round < 10; round++) {
            var decision = turn(policy);
            assertTrue(decision.unchoked().keySet().containsAll(List.of(1L, 2L, 3L)), "the three givers stay");
            assertEquals(4, decision.unchoked().size());
            decision.unchoked().keySet().stream().filter(id -> id > 3).forEach(id -> rotating.merge(id, 1, Integer::sum));
        }
        assertEquals(Map.of(4L, 2, 5L, 2, 6L, 2, 7L, 2, 8L, 2), rotating, "the last slot goes round the others");
    }

    @Test
    void staysWithinTheCoresLimit() {
        swarm.seeding = true;
        for (long id = 1; id <= 6; id++) {
            swarm.add(id).interestedInUs();
        }
        swarm.maxUnchoked = 2;
        assertEquals(2, turn(policy(Map.of())).unchoked().size());
        swarm.maxUnchoked = 0;
        assertTrue(turn(policy(Map.of())).unchoked().isEmpty());
    }

    @Test
    void whileDownloadingAFreeRiderOnlyGetsTheRotatingSlot() {
        double ratio = FluidSwarm.freeRiderRatio(new RoundRobinProvider(), 8, 1);
        assertTrue(ratio < 0.5, "free rider / contributor: " + ratio);
    }
}
