package dev.piecewise.core.engine;

import dev.piecewise.api.PeerSnapshot;

import java.util.List;

/** Waiting for what interop tests watch. */
final class SeedingTests {

    private SeedingTests() {
    }

    /**
     * Dials {@code peer} once a second until the torrent is connected to it (a client checking its data refuses
     * connections meanwhile); returns the torrent's peers then, or none after 30 seconds.
     */
    static List<PeerSnapshot> connect(Torrent torrent, java.net.InetSocketAddress peer) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<PeerSnapshot> peers = torrent.peers();
        for (long nextDial = 0; peers.isEmpty() && System.nanoTime() < deadline; peers = torrent.peers()) {
            if (System.nanoTime() >= nextDial) {
                torrent.connect(peer);
                nextDial = System.nanoTime() + 1_000_000_000L;
            }
            Thread.sleep(20);
        }
        return peers;
    }

    /** The torrent's peers once it has one (or none after 30 seconds). */
    static List<PeerSnapshot> awaitPeer(Torrent torrent) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<PeerSnapshot> peers = torrent.peers();
        while (peers.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            peers = torrent.peers();
        }
        return peers;
    }
}
