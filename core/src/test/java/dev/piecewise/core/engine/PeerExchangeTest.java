package dev.piecewise.core.engine;

import dev.piecewise.api.PeerSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes on 127.0.0.1 where only one knows the others: the other two find each other through PEX (BEP 11), unless
 * the torrent is private (BEP 27). None has any data, so every connection stays open (seeds drop each other).
 */
class PeerExchangeTest {

    @Test
    void twoPeersThatOnlyKnowAThirdFindEachOtherThroughIt(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 1, 200_000, 16 * 1024)) {
            List<Torrent> nodes = hubAndTwo(swarm);
            Torrent hub = nodes.get(0);
            Torrent b = nodes.get(1);
            Torrent c = nodes.get(2);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && (b.peers().size() < 2 || c.peers().size() < 2)) {
                Thread.sleep(20);
            }
            assertEquals(2, b.peers().size(), "b: " + b.peers());
            assertEquals(2, c.peers().size(), "c: " + c.peers());
            assertTrue(Stream.concat(b.peers().stream(), c.peers().stream()).map(PeerSnapshot::source)
                    .anyMatch("pex"::equals), "one dialled the other as a PEX peer: " + b.peers() + c.peers());
            assertEquals(List.of("manual", "manual"), hub.peers().stream().map(PeerSnapshot::source).toList());
        }
    }

    @Test
    void aPrivateTorrentExchangesNoPeers(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 1, 200_000, 16 * 1024, true)) {
            List<Torrent> nodes = hubAndTwo(swarm);
            Torrent hub = nodes.get(0);
            Torrent b = nodes.get(1);
            Torrent c = nodes.get(2);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && hub.peers().size() < 2) {
                Thread.sleep(20);
            }
            assertEquals(2, hub.peers().size());
            Thread.sleep(3_000); // PEX would have been sent at the first tick after the extension handshakes
            assertEquals(1, b.peers().size(), "b: " + b.peers());
            assertEquals(1, c.peers().size(), "c: " + c.peers());
        }
    }

    /** Three nodes, none with data; the first (the hub) dials the two others, which know no one. */
    private static List<Torrent> hubAndTwo(Swarm swarm) throws InterruptedException {
        List<Torrent> nodes = List.of(swarm.leecher("hub"), swarm.leecher("b"), swarm.leecher("c"));
        for (Torrent torrent : nodes) {
            Swarm.awaitRunning(torrent);
        }
        nodes.get(0).connect(swarm.address(nodes.get(1)));
        nodes.get(0).connect(swarm.address(nodes.get(2)));
        return nodes;
    }
}
