package dev.piecewise.core.choke;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingView;
import dev.piecewise.spi.choking.PeerStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChokerTest {

    private static final long T0 = 5_000_000;

    private final List<TestPeer> peers = new ArrayList<>();

    private Choker<TestPeer> chokerWith(ChokingPolicy policy, int peerCount) {
        var choker = new Choker<TestPeer>("test", "scripted", policy, new Random(1));
        for (int i = 1; i <= peerCount; i++) {
            var peer = new TestPeer("p" + i, T0);
            peers.add(peer);
            choker.add(peer, T0);
        }
        return choker;
    }

    private TestPeer peer(int id) {
        return peers.get(id - 1);
    }

    @Test
    void sendsOnlyTheDifferences() {
        var policy = ScriptedPolicy.every10s().unchoking(1, 2);
        var choker = chokerWith(policy, 3);

        var first = choker.tick(T0);
        assertEquals(List.of(peer(1), peer(2)), first.unchoke());
        assertEquals(List.of(), first.choke(), "peers start choked: nothing to choke");

        assertTrue(choker.tick(T0 + 10_000).isEmpty(), "the same decision again changes nothing");

        policy.unchoking(2, 3);
        var third = choker.tick(T0 + 20_000);
        assertEquals(List.of(peer(1)), third.choke());
        assertEquals(List.of(peer(3)), third.unchoke());
        assertTrue(choker.isUnchoked(peer(3)) && !choker.isUnchoked(peer(1)));
    }

    @Test
    void rechokesAtThePolicysIntervalWithASteadyCadence() {
        var policy = ScriptedPolicy.every10s();
        var choker = chokerWith(policy, 1);
        for (long t = 0; t <= 60_000; t += 1_000) {
            choker.tick(T0 + t);
        }
        assertEquals(7, policy.calls.size(), "at 0, 10, ... 60 s");
        assertTrue(policy.calls.stream().allMatch(scheduled -> scheduled));

        choker.tick(T0 + 95_000); // the engine stalled for half a minute
        choker.tick(T0 + 100_000);
        choker.tick(T0 + 104_000);
        assertEquals(8, policy.calls.size(), "one rechoke after the stall, none bunched up to catch up");
        choker.tick(T0 + 105_000);
        assertEquals(9, policy.calls.size(), "the cadence restarts from the stall");
    }

    @Test
    void rechokesAtOnceOnlyOnTheEventsThePolicyAskedFor() {
        var policy = new ScriptedPolicy(Duration.ofSeconds(10), Set.of(ChokingEvent.PEER_INTERESTED));
        policy.unchoking(1);
        var choker = chokerWith(policy, 2);
        choker.tick(T0);
        int calls = policy.calls.size();

        peer(1).interested = true;
        var changes = choker.interestChanged(peer(1), true, T0 + 1_000);
        assertEquals(calls + 1, policy.calls.size());
        assertFalse(policy.calls.getLast(), "an event rechoke is not scheduled");
        assertTrue(changes.isEmpty());

        choker.interestChanged(peer(1), false, T0 + 2_000);
        choker.remove(peer(2), T0 + 2_000);
        choker.setSeeding(true, T0 + 2_000);
        assertEquals(calls + 1, policy.calls.size(), "events it did not ask for wait for the interval");
    }

    @Test
    void aTriggeredRechokeCanUnchokeAtOnce() {
        var policy = new ScriptedPolicy(Duration.ofSeconds(10), Set.of(ChokingEvent.PEER_INTERESTED));
        policy.answer = (view, scheduled) -> {
            var decision = new ChokingDecision();
            view.peers().stream().filter(PeerStats::interested).forEach(p -> decision.unchoke(p.id()));
            return decision;
        };
        var choker = chokerWith(policy, 2);
        choker.tick(T0);
        peer(2).interested = true;
        assertEquals(List.of(peer(2)), choker.interestChanged(peer(2), true, T0 + 500).unchoke());
    }

    @Test
    void theViewCarriesThePeersFigures() {
        var seen = new ArrayList<String>();
        var policy = ScriptedPolicy.every10s();
        policy.answer = (view, scheduled) -> {
            for (PeerStats p : view.peers()) {
                seen.add(p.id() + ":" + Math.round(p.downloadRate()) + "/" + Math.round(p.uploadRate()) + " "
                        + p.downloaded() + "/" + p.uploaded() + " " + p.interested() + p.amInterested()
                        + p.chokingUs() + p.seed() + p.amChoking() + " " + (p.connectedMillis() - T0));
            }
            seen.add("now+" + (view.nowMillis() - T0) + " seeding=" + view.seeding() + " max=" + view.maxUnchoked()
                    + " cap=" + view.uploadCapacity());
            return new ChokingDecision().unchoke(1);
        };
        var choker = chokerWith(policy, 2);
        choker.setMaxUnchoked(3);
        choker.setUploadCapacity(50_000);
        peer(1).down.add(100_000, T0 + 1_000);
        peer(1).up.add(20_000, T0 + 2_000);
        peer(2).interested = true;
        peer(2).seed = true;
        peer(2).choking = false;
        peer(2).amInterested = true;
        choker.tick(T0 + 10_000);
        choker.tick(T0 + 20_000);

        assertEquals(List.of(
                "1:10000/2000 100000/20000 falsefalsetruefalsetrue 0",
                "2:0/0 0/0 truetruefalsetruetrue 0",
                "now+10000 seeding=false max=3 cap=50000",
                "1:5263/1053 100000/20000 falsefalsetruefalsefalse 0",
                "2:0/0 0/0 truetruefalsetruetrue 0",
                "now+20000 seeding=false max=3 cap=50000"), seen);
    }

    @Test
    void aPeerThatKeepsUsWaitingAMinuteIsSnubbed() {
        var snubbedSeen = new ArrayList<Boolean>();
        var waitingSeen = new ArrayList<Long>();
        var policy = ScriptedPolicy.every10s();
        policy.answer = (view, scheduled) -> {
            PeerStats p = view.peers().getFirst();
            snubbedSeen.add(p.snubbed());
            waitingSeen.add(p.waitingSinceMillis());
            return new ChokingDecision();
        };
        var choker = chokerWith(policy, 1);
        TestPeer peer = peer(1);
        peer.amInterested = true;
        for (long t = 0; t <= 300_000; t += 1_000) {
            choker.tick(T0 + t); // choking us for five minutes: never a snub
        }
        assertFalse(snubbedSeen.contains(true));
        assertEquals(Long.MAX_VALUE, waitingSeen.getLast(), "not waiting while choked");

        peer.choking = false;
        for (long t = 301_000; t <= 360_000; t += 1_000) {
            choker.tick(T0 + t);
            if (t == 330_000) {
                peer.down.add(16_384, T0 + t);
            }
        }
        assertFalse(choker.isSnubbed(peer), "a block 30 s ago");
        for (long t = 361_000; t <= 390_000; t += 1_000) {
            choker.tick(T0 + t);
        }
        assertTrue(choker.isSnubbed(peer), "no block for 60 s while unchoked and wanted");
        assertTrue(snubbedSeen.getLast(), "and the policy sees it");
        assertEquals(T0 + 330_000, waitingSeen.getLast());

        peer.amInterested = false;
        choker.tick(T0 + 391_000);
        assertFalse(choker.isSnubbed(peer), "we want nothing from it any more");
        peer.amInterested = true;
        choker.tick(T0 + 392_000);
        assertFalse(choker.isSnubbed(peer), "waiting starts again from now, not from its last block");
    }

    @Test
    void aCallerThatReportsChangesHasOnlyTheReportedPeersObserved() {
        var waitingSeen = new ArrayList<Long>();
        var policy = ScriptedPolicy.every10s();
        policy.answer = (view, scheduled) -> {
            view.peers().forEach(p -> waitingSeen.add(p.waitingSinceMillis()));
            return new ChokingDecision();
        };
        var choker = chokerWith(policy, 2);
        choker.reportChanges();
        choker.tick(T0); // the first rechoke observes the new peers: both choke us
        for (TestPeer peer : peers) {
            peer.amInterested = true;
            peer.choking = false;
        }
        choker.peerStateChanged(peer(1)); // peer 2's change goes unreported
        choker.tick(T0 + 3_000);
        choker.tick(T0 + 10_000);

        assertEquals(List.of(Long.MAX_VALUE, Long.MAX_VALUE, T0 + 3_000, Long.MAX_VALUE), waitingSeen,
                "waiting since the tick that observed the reported change; the unreported one unseen");
    }

    @Test
    void aPolicySeesEachFigureAsOfTheRechokeWhenItReadsIt() {
        var seen = new ArrayList<Double>();
        var policy = ScriptedPolicy.every10s();
        policy.answer = (view, scheduled) -> {
            PeerStats p = view.peers().getFirst();
            seen.add(p.downloadRate());
            peer(1).down.add(100_000, view.nowMillis()); // bytes arriving during the rechoke
            seen.add(p.downloadRate());
            return new ChokingDecision();
        };
        var choker = chokerWith(policy, 1);
        peer(1).down.add(100_000, T0);
        choker.tick(T0 + 10_000);
        choker.tick(T0 + 20_000);

        assertEquals(10_000.0, seen.get(0));
        assertEquals(seen.get(0), seen.get(1), "one consistent figure during a rechoke");
        assertEquals(100_000 * 1000.0 / 19_000, seen.get(2), 1e-9, "the next rechoke reads it afresh: the bytes added"
                + " during the first, the first bytes out of the window");
        assertEquals(seen.get(2), seen.get(3));
    }

    @Test
    void aThrowingPolicyIsReplacedByTheFallbackAndTheTorrentGoesOn() {
        var policy = ScriptedPolicy.every10s();
        policy.answer = (view, scheduled) -> {
            throw new IllegalStateException("boom");
        };
        var choker = chokerWith(policy, 6);
        for (int i = 1; i <= 6; i++) {
            peer(i).interested = true;
            peer(i).down.add(i * 10_000L, T0 + 500);
        }
        var changes = choker.tick(T0 + 1_000);

        assertEquals(1, policy.calls.size());
        String failure = choker.failure().orElseThrow();
        assertTrue(failure.contains("'scripted'") && failure.contains("boom"), failure);
        assertEquals(5, changes.unchoke().size(), "4 best plus an optimistic one");
        assertTrue(changes.unchoke().containsAll(List.of(peer(6), peer(5), peer(4), peer(3))), changes.toString());
        assertEquals(ChokingDecision.Slot.REGULAR, choker.slot(peer(6)).orElseThrow());

        choker.tick(T0 + 11_000);
        assertEquals(1, policy.calls.size(), "the failed policy is not called again");
        assertEquals("scripted", choker.policyId());
    }

    @Test
    void unknownPeersTooManyPeersOrNoDecisionAreNonsense() {
        assertFallsBack(ScriptedPolicy.every10s().unchoking(1, 99), "peer 99, which is not connected");
        assertFallsBack(ScriptedPolicy.every10s().unchoking(1, 2, 3, 4, 5, 6, 7, 8, 9), "more than the limit of 8");
        var nothing = ScriptedPolicy.every10s();
        nothing.answer = (view, scheduled) -> null;
        assertFallsBack(nothing, "returned no decision");
        assertFallsBack(new ScriptedPolicy(Duration.ZERO, Set.of()), "no positive rechoke interval");
        var badTriggers = new ScriptedPolicy(Duration.ofSeconds(10), null) {
            @Override
            public Set<ChokingEvent> triggers() {
                throw new UnsupportedOperationException("no triggers today");
            }
        };
        assertFallsBack(badTriggers, "no triggers today");
    }

    private void assertFallsBack(ChokingPolicy policy, String expected) {
        peers.clear();
        var choker = chokerWith(policy, 10);
        peers.forEach(p -> p.interested = true);
        var changes = choker.tick(T0);
        String failure = choker.failure().orElseThrow(() -> new AssertionError("no fallback for " + expected));
        assertTrue(failure.contains(expected), failure);
        assertEquals(5, changes.unchoke().size(), "the fallback's 4 + 1, within the limit");
        assertFalse(choker.isUnchoked(new TestPeer("stranger", T0)));
    }

    @Test
    void theLimitHoldsWhenLowered() {
        var policy = ScriptedPolicy.every10s();
        policy.answer = (view, scheduled) -> {
            var decision = new ChokingDecision();
            view.peers().stream().limit(view.maxUnchoked()).forEach(p -> decision.unchoke(p.id()));
            return decision;
        };
        var choker = chokerWith(policy, 6);
        assertEquals(6, choker.tick(T0).unchoke().size());
        choker.setMaxUnchoked(2);
        var changes = choker.tick(T0 + 1_000);
        assertEquals(List.of(peer(3), peer(4), peer(5), peer(6)), changes.choke(), "takes effect at the next tick");
        assertTrue(choker.failure().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> choker.setMaxUnchoked(-1));
    }

    @Test
    void switchingThePolicyTakesEffectAtTheNextTick() {
        var first = ScriptedPolicy.every10s().unchoking(1);
        var choker = chokerWith(first, 2);
        choker.tick(T0);
        var second = ScriptedPolicy.every10s().unchoking(2);
        choker.setPolicy("second", second);
        var changes = choker.tick(T0 + 1_000);
        assertEquals(List.of(peer(1)), changes.choke());
        assertEquals(List.of(peer(2)), changes.unchoke());
        assertEquals(List.of(true), second.calls);
        assertEquals("second", choker.policyId());
    }

    @Test
    void switchingAwayFromAFailedPolicyClearsTheFailure() {
        var broken = ScriptedPolicy.every10s();
        broken.answer = (view, scheduled) -> null;
        var choker = chokerWith(broken, 2);
        choker.tick(T0);
        assertTrue(choker.failure().isPresent());
        var good = ScriptedPolicy.every10s().unchoking(2);
        choker.setPolicy("good", good);
        choker.tick(T0 + 1_000);
        assertTrue(choker.failure().isEmpty());
        assertEquals(1, good.calls.size());
        assertTrue(choker.isUnchoked(peer(2)));
    }

    @Test
    void aDisconnectedPeerFreesItsSlotAndIsNeverSent() {
        var policy = new ScriptedPolicy(Duration.ofSeconds(10), Set.of(ChokingEvent.PEER_DISCONNECTED));
        policy.answer = (view, scheduled) -> {
            var decision = new ChokingDecision();
            view.peers().stream().limit(2).forEach(p -> decision.unchoke(p.id()));
            return decision;
        };
        var choker = chokerWith(policy, 3);
        choker.tick(T0);
        var changes = choker.remove(peer(1), T0 + 1_000);
        assertEquals(List.of(peer(3)), changes.unchoke(), "the free slot is filled at once");
        assertEquals(List.of(), changes.choke(), "nothing is sent to a closed connection");
        assertFalse(choker.isUnchoked(peer(1)));
        assertTrue(choker.remove(peer(1), T0 + 1_000).isEmpty(), "removing twice is harmless");
        assertTrue(choker.interestChanged(peer(1), true, T0 + 1_000).isEmpty(), "events of strangers are ignored");
    }

    @Test
    void keepsTheSlotAndShareOfEachUnchokedPeer() {
        var policy = ScriptedPolicy.every10s();
        policy.answer = (view, scheduled) -> new ChokingDecision()
                .unchoke(1, ChokingDecision.Slot.REGULAR, 3)
                .unchoke(2, ChokingDecision.Slot.OPTIMISTIC, 1);
        var choker = chokerWith(policy, 3);
        choker.tick(T0);
        assertEquals(3, choker.share(peer(1)));
        assertEquals(ChokingDecision.Slot.OPTIMISTIC, choker.slot(peer(2)).orElseThrow());
        assertEquals(0, choker.share(peer(3)));
        assertTrue(choker.slot(peer(3)).isEmpty());
    }

    @Test
    void addingTheSamePeerTwiceKeepsOneEntry() {
        var seen = new ArrayList<Integer>();
        var policy = ScriptedPolicy.every10s();
        policy.answer = (view, scheduled) -> {
            seen.add(view.peers().size());
            return new ChokingDecision();
        };
        var choker = chokerWith(policy, 2);
        choker.add(peer(1), T0);
        choker.tick(T0);
        assertEquals(List.of(2), seen);
    }

    @Test
    void theFallbackRanksByWhatWeSendWhileSeeding() {
        var choker = chokerWith(null, 6);
        assertNotNull(choker.failure().orElse(null), "a missing policy falls back at once");
        for (int i = 1; i <= 6; i++) {
            peer(i).interested = true;
            peer(i).down.add((7 - i) * 10_000L, T0); // download favours the low ids
            peer(i).up.add(i * 10_000L, T0);         // upload the high ids
        }
        choker.setMaxUnchoked(4);
        choker.setSeeding(true, T0);
        choker.tick(T0 + 1_000);
        assertTrue(choker.isUnchoked(peer(6)) && choker.isUnchoked(peer(5)) && choker.isUnchoked(peer(4)));
        assertEquals(ChokingDecision.Slot.OPTIMISTIC,
                peers.stream().filter(choker::isUnchoked).map(p -> choker.slot(p).orElseThrow())
                        .filter(s -> s == ChokingDecision.Slot.OPTIMISTIC).findFirst().orElseThrow());
        assertEquals(4, peers.stream().filter(choker::isUnchoked).count(), "3 regular + 1 optimistic within 4");
    }

    @Test
    void aPolicyThatRespectsEverythingIsNeverReplaced() {
        ChokingPolicy polite = new ChokingPolicy() {
            @Override
            public Duration interval() {
                return Duration.ofSeconds(10);
            }

            @Override
            public ChokingDecision rechoke(ChokingView view, boolean scheduled) {
                return new ChokingDecision();
            }
        };
        var choker = chokerWith(polite, 3);
        for (long t = 0; t < 100_000; t += 1_000) {
            assertTrue(choker.tick(T0 + t).isEmpty());
        }
        assertTrue(choker.failure().isEmpty());
    }
}
