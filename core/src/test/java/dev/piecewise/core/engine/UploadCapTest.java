package dev.piecewise.core.engine;

import dev.piecewise.api.TorrentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's upload cap and free-rider sessions, between real nodes on 127.0.0.1. */
class UploadCapTest {

    @Test
    void aCappedSeederSendsNoFasterThanItsCapAndTheDownloadStillEndsByteIdentical(@TempDir Path root)
            throws Exception {
        long cap = 1024 * 1024;
        try (var swarm = new Swarm(root, 2, 1_000_000, 32 * 1024)) {
            Torrent seeder = swarm.node(swarm.source.getParent(), EngineSettings.DEFAULT.withUploadLimit(cap));
            Swarm.awaitRunning(seeder);
            Torrent leecher = swarm.leecher("leecher");
            Swarm.awaitRunning(leecher);
            long start = System.nanoTime();
            leecher.connect(swarm.address(seeder));

            assertTrue(leecher.awaitCompletion(Duration.ofSeconds(30)), "download did not complete");
            double seconds = (System.nanoTime() - start) / 1e9;
            long total = swarm.metainfo.totalLength();
            // uncapped this takes milliseconds on loopback; capped, all but the one-block burst waits for the cap
            double fastest = (total - 16 * 1024) / (double) cap;
            assertTrue(seconds >= fastest * 0.95, total + " bytes in " + seconds + " s, faster than the cap allows");
            swarm.assertSameAsSource(swarm.directory("leecher"));
            TorrentStatus status = leecher.status(null, null);
            assertEquals(0, status.metrics().requestTimeouts(), "the cap made no request time out");
        }
    }

    @Test
    void aFreeRiderNeverUnchokesSoItsPeersGetNothingFromIt(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 1, 300_000, 32 * 1024)) {
            Torrent freeRidingSeeder = swarm.node(swarm.source.getParent(), EngineSettings.DEFAULT.asFreeRider());
            Swarm.awaitRunning(freeRidingSeeder);
            Torrent leecher = swarm.leecher("leecher");
            Swarm.awaitRunning(leecher);
            leecher.connect(swarm.address(freeRidingSeeder));

            assertFalse(leecher.awaitCompletion(Duration.ofSeconds(2)), "a free rider uploaded");
            assertEquals(1, leecher.peers().size(), "connected all along");
            assertEquals(0, leecher.verifiedPieces().cardinality());
            assertEquals(0, freeRidingSeeder.status(null, null).uploaded());
        }
    }
}
