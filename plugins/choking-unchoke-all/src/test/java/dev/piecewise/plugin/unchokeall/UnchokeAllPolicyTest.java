package dev.piecewise.plugin.unchokeall;

import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.testkit.choking.FluidSwarm;
import dev.piecewise.testkit.choking.Swarm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnchokeAllPolicyTest {

    private final Swarm swarm = new Swarm();

    private static ChokingPolicy policy() {
        var provider = new UnchokeAllProvider();
        return provider.create(Swarm.context(provider.options(), Map.of(), 1));
    }

    @Test
    void unchokesEveryInterestedPeerWhateverItGivesBack() {
        swarm.add(1).interestedInUs().down(50_000);
        swarm.add(2).interestedInUs();             // a free rider
        swarm.add(3).down(90_000);                 // not interested: nothing to give it
        swarm.add(4).interestedInUs().up(1_000);
        var decision = policy().rechoke(swarm, true);
        assertEquals(Set.of(1L, 2L, 4L), decision.unchoked().keySet());
    }

    @Test
    void asksToBeCalledWhenInterestChanges() {
        var triggers = policy().triggers();
        assertTrue(triggers.contains(ChokingEvent.PEER_INTERESTED));
        assertTrue(triggers.contains(ChokingEvent.PEER_NOT_INTERESTED));
    }

    @Test
    void pastTheCoresLimitPeersHoldingASlotKeepIt() {
        for (long id = 1; id <= 12; id++) {
            swarm.add(id).interestedInUs();
        }
        swarm.maxUnchoked = 4;
        ChokingPolicy policy = policy();
        assertEquals(List.of(1L, 2L, 3L, 4L), List.copyOf(swarm.apply(policy.rechoke(swarm, true)).unchoked().keySet()));

        swarm.peers.get(1).interested = false; // peer 2 is done with us
        var after = swarm.apply(policy.rechoke(swarm, false));
        assertEquals(Set.of(1L, 3L, 4L, 5L), after.unchoked().keySet(), "the freed slot goes to the next peer");
    }

    @Test
    void aFreeRiderGetsAboutAsMuchAsContributors() {
        // each uploader splits its upload evenly among the eleven others, free rider included: no incentive at all
        // (the free rider even gets a tenth more, having eleven uploaders where a contributor has ten)
        double ratio = FluidSwarm.freeRiderRatio(new UnchokeAllProvider(), 16, 1);
        assertEquals(1.0, ratio, 0.15, "free rider / contributor");
    }
}
