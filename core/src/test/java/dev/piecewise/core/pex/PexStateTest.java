package dev.piecewise.core.pex;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.piecewise.core.pex.PexMessageTest.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PexStateTest {

    private static final InetSocketAddress RECIPIENT = address("127.0.0.1", 7000);

    private final PexState state = new PexState(RECIPIENT);
    private long now = 5_000;

    private static PexPeer peer(int port) {
        return new PexPeer(address("127.0.0.1", port), PexPeer.REACHABLE);
    }

    private static List<PexPeer> peers(int from, int to) {
        List<PexPeer> peers = new ArrayList<>();
        for (int port = from; port <= to; port++) {
            peers.add(peer(port));
        }
        return peers;
    }

    @Test
    void theFirstMessageGoesAtOnceWithEveryPeerButTheRecipient() {
        PexMessage first = state.next(List.of(peer(1), new PexPeer(RECIPIENT, 0), peer(2)), now).orElseThrow();
        assertEquals(List.of(peer(1), peer(2)), first.added());
        assertEquals(List.of(), first.dropped());
    }

    @Test
    void laterMessagesCarryOnlyTheChangesAtMostOnceAMinute() {
        state.next(List.of(peer(1), peer(2)), now);
        List<PexPeer> changed = List.of(peer(2), peer(3));
        assertEquals(Optional.empty(), state.next(changed, now + PexState.INTERVAL_MILLIS - 1));
        PexMessage second = state.next(changed, now + PexState.INTERVAL_MILLIS).orElseThrow();
        assertEquals(List.of(peer(3)), second.added());
        assertEquals(List.of(peer(1).address()), second.dropped());
    }

    @Test
    void nothingIsSentWhenNothingChangedAndALaterChangeGoesOutAtOnce() {
        state.next(List.of(peer(1)), now);
        now += 2 * PexState.INTERVAL_MILLIS;
        assertEquals(Optional.empty(), state.next(List.of(peer(1)), now));
        assertEquals(List.of(peer(1).address()), state.next(List.of(), now + 1).orElseThrow().dropped());
    }

    @Test
    void atMostFiftyAddedAndFiftyDroppedPerMessageTheRestFollowing() {
        PexMessage first = state.next(peers(1, 120), now).orElseThrow();
        assertEquals(peers(1, 50), first.added());
        now += PexState.INTERVAL_MILLIS;
        assertEquals(peers(51, 100), state.next(peers(1, 120), now).orElseThrow().added());
        now += PexState.INTERVAL_MILLIS;
        PexMessage third = state.next(peers(101, 180), now).orElseThrow();
        assertEquals(peers(101, 150), third.added());
        assertEquals(peers(1, 50).stream().map(PexPeer::address).toList(), third.dropped());
        now += PexState.INTERVAL_MILLIS;
        PexMessage fourth = state.next(peers(101, 180), now).orElseThrow();
        assertEquals(peers(151, 180), fourth.added());
        assertEquals(peers(51, 100).stream().map(PexPeer::address).toList(), fourth.dropped());
    }

    @Test
    void aPeerDroppedAndBackIsAddedAgainAndDuplicatesAreToldOnce() {
        state.next(List.of(peer(1), peer(1)), now);
        now += PexState.INTERVAL_MILLIS;
        state.next(List.of(), now);
        now += PexState.INTERVAL_MILLIS;
        assertEquals(List.of(peer(1)), state.next(List.of(peer(1)), now).orElseThrow().added());
    }

    @Test
    void theRecipientsMessagesAreReadAtMostAboutOnceAMinute() {
        assertTrue(state.accept(now));
        assertFalse(state.accept(now + PexState.MIN_RECEIVE_INTERVAL_MILLIS - 1));
        assertTrue(state.accept(now + PexState.MIN_RECEIVE_INTERVAL_MILLIS));
    }

    @Test
    void withoutAKnownRecipientAddressEveryPeerIsTold() {
        var unknown = new PexState(null);
        assertEquals(List.of(peer(1)), unknown.next(List.of(peer(1)), now).orElseThrow().added());
    }
}
