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
            Torrent hub = swarm.leecher("hub");
            Torrent b = swarm.leecher("b");
            Torrent c = swarm.leecher("c");
            for (Torrent torrent : List.of(hub, b, c)) {
                Swarm.awaitRunning(torrent);
            }
            hub.connect(swarm.address(b));
            hub.connect(swarm.address(c));

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
            Torrent hub = swarm.leecher("hub");
            Torrent b = swarm.leecher("b");
            Torrent c = swarm.leecher("c");
            for (Torrent torrent : List.of(hub, b, c)) {
                Swarm.awaitRunning(torrent);
            }
            hub.connect(swarm.address(b));
            hub.connect(swarm.address(c));

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
}
