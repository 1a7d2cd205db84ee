package dev.piecewise.core.engine;

import dev.piecewise.api.TorrentState;
import dev.piecewise.testing.RealClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Piecewise and a real aria2 on 127.0.0.1, each dialling the other directly (no tracker). */
class Aria2InteropTest {

    @Test
    void downloadsAMultiFileTorrentFromAnAria2Seeder(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 4, 700_000, 256 * 1024);
             var aria2 = RealClient.aria2Seeder(swarm.torrentFile, swarm.source.getParent(), root.resolve("aria2"))) {
            Torrent leecher = swarm.leecher("leecher");
            Swarm.awaitRunning(leecher);
            leecher.connect(aria2.address());

            assertTrue(leecher.awaitCompletion(Duration.ofSeconds(60)), "no complete download; aria2 said: "
                    + aria2.log());
            swarm.assertSameAsSource(swarm.directory("leecher"));
            assertEquals(TorrentState.SEEDING, leecher.state());
        }
    }

    @Test
    void seedsToAnAria2Leecher(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 4, 700_000, 256 * 1024)) {
            Torrent seeder = swarm.seeder();
            Swarm.awaitRunning(seeder);
            try (var aria2 = RealClient.aria2Leecher(swarm.torrentFile, swarm.directory("aria2-download"),
                    root.resolve("aria2"))) {
                // aria2 may finish within milliseconds, and seeds part at once: no point watching the peer list
                seeder.connect(aria2.address());
                assertTrue(aria2.awaitExit(Duration.ofSeconds(60)), "aria2 did not finish: " + aria2.log());
                swarm.assertSameAsSource(swarm.directory("aria2-download"));
            }
        }
    }
}
