package dev.piecewise.core.engine;

import dev.piecewise.core.wire.Handshake;
import dev.piecewise.core.wire.Message;
import dev.piecewise.core.wire.WireLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thousand peers connected to one torrent, idle: the seeder holds them all within its memory bound
 * (at most three pooled 16 KiB buffers per connection) and still serves a real leecher.
 */
class ThousandPeersTest {

    private static final int PEERS = 1000;

    @Test
    void aThousandConnectedPeersCostBoundedMemoryAndTheTorrentStillServes(@TempDir Path root) throws Exception {
        var settings = new EngineSettings(PEERS + 10, PEERS + 20, Duration.ofSeconds(10), Duration.ofMinutes(3),
                Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(10), 512, 0, false,
                Duration.ofSeconds(1));
        try (var swarm = new Swarm(root, 2, 300_000, 32 * 1024)) {
            Torrent seeder = swarm.node(swarm.source.getParent(), settings);
            Swarm.awaitRunning(seeder);
            List<ScriptedPeer> peers = new ArrayList<>();
            try {
                for (int i = 0; i < PEERS; i++) {
                    ScriptedPeer peer = ScriptedPeer.dial(swarm.address(seeder), swarm.metainfo.infoHash(),
                            Handshake.OUR_RESERVED);
                    peer.send(Message.Simple.HAVE_NONE);
                    peers.add(peer);
                }
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (seeder.peers().size() < PEERS && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(PEERS, seeder.peers().size());

                Torrent leecher = swarm.leecher("leecher");
                Swarm.awaitRunning(leecher);
                leecher.connect(swarm.address(seeder));
                assertTrue(leecher.awaitCompletion(Duration.ofSeconds(30)));
                swarm.assertSameAsSource(swarm.directory("leecher"));

                long pooled = swarm.nodeOf(seeder).context().buffers().allocatedBytes();
                // a read and a send buffer per connection; the seeder receives no blocks, so no block read buffer
                long bound = 2L * WireLimits.MAX_BLOCK * (PEERS + 1) + (1 << 20);
                assertTrue(pooled <= bound, "pooled buffers " + pooled + " over the bound " + bound);
            } finally {
                for (ScriptedPeer peer : peers) {
                    peer.close();
                }
            }
        }
    }
}
