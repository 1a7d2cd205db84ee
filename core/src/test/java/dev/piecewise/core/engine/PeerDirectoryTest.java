package dev.piecewise.core.engine;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerDirectoryTest {

    private static InetSocketAddress peer(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Test
    void peersAreToldApartByPortNotByAddressAlone() {
        var directory = new PeerDirectory(1000);
        assertTrue(directory.add(peer(6881), "tracker"));
        assertTrue(directory.add(peer(6882), "tracker"));
        assertFalse(directory.add(peer(6881), "tracker"));
        assertEquals(peer(6881), directory.nextToDial(0));
        assertEquals(peer(6882), directory.nextToDial(0));
        assertNull(directory.nextToDial(0));
    }

    @Test
    void aFailingPeerIsRetriedLaterAndLaterThenForgotten() {
        var directory = new PeerDirectory(1000);
        directory.add(peer(1), "tracker");
        long now = 0;
        for (int failure = 1; failure < PeerDirectory.MAX_ATTEMPTS; failure++) {
            assertEquals(peer(1), directory.nextToDial(now));
            directory.failed(peer(1), now);
            long wait = 1000L << (failure - 1);
            assertNull(directory.nextToDial(now + wait - 1), "too early after failure " + failure);
            now += wait;
        }
        assertEquals(peer(1), directory.nextToDial(now));
        directory.failed(peer(1), now);
        assertEquals(0, directory.size(), "forgotten after " + PeerDirectory.MAX_ATTEMPTS + " failures");
    }

    @Test
    void aLongConnectionIsForgivenItsFailuresAndAShortOneIsNot() {
        var directory = new PeerDirectory(1000);
        directory.add(peer(1), "tracker");
        directory.nextToDial(0);
        directory.failed(peer(1), 0);
        directory.nextToDial(1000);
        directory.connected(peer(1), "tracker", 1000);
        directory.disconnected(peer(1), 1000 + PeerDirectory.GOOD_CONNECTION_MILLIS);
        long back = 1000 + PeerDirectory.GOOD_CONNECTION_MILLIS;
        assertEquals(peer(1), directory.nextToDial(back + 1000), "one failure after a good connection: 1 s wait");
        directory.connected(peer(1), "tracker", back + 1000);
        directory.disconnected(peer(1), back + 1001);
        assertNull(directory.nextToDial(back + 1001 + 1999), "a short connection counts: 2 s wait");
    }

    @Test
    void selfBannedConnectedAndDialledPeersAreNotDialled() {
        var directory = new PeerDirectory(1000);
        directory.self(peer(1));
        directory.ban(peer(2));
        directory.connected(peer(3), "incoming", 0);
        directory.add(peer(4), "tracker");
        assertTrue(directory.dialNow(peer(4), "manual"));
        assertFalse(directory.dialNow(peer(1), "manual"));
        assertFalse(directory.dialNow(peer(2), "manual"));
        assertFalse(directory.dialNow(peer(3), "manual"));
        assertFalse(directory.dialNow(peer(4), "manual"), "already being dialled");
        assertNull(directory.nextToDial(0));
        assertTrue(directory.banned(peer(2)));
        assertTrue(directory.busy(peer(3)));
        directory.reset();
        assertEquals(peer(3), directory.nextToDial(0), "after a pause, everyone but bans and ourselves");
        assertEquals(peer(4), directory.nextToDial(0));
        assertNull(directory.nextToDial(0));
    }

    @Test
    void theDirectoryIsBoundedAndMakesRoomFromTheWorstCandidates() {
        var directory = new PeerDirectory(1000);
        for (int port = 1; port <= PeerDirectory.MAX_CANDIDATES; port++) {
            assertTrue(directory.add(peer(port), "tracker"));
        }
        directory.nextToDial(0);
        directory.failed(peer(1), 0);
        assertTrue(directory.add(peer(60000), "tracker"));
        assertEquals(PeerDirectory.MAX_CANDIDATES, directory.size());
        assertTrue(directory.dialNow(peer(1), "manual"), "the failing one was dropped and is new again");
    }
}
