package dev.piecewise.core.engine;

import dev.piecewise.api.TorrentState;
import dev.piecewise.api.TorrentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwoPeerDownloadTest {

    @Test
    void aLeecherDownloadsAMultiFileTorrentFromASeederByteForByte(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 5, 300_000, 64 * 1024)) {
            Torrent seeder = swarm.seeder();
            Swarm.awaitRunning(seeder);
            assertEquals(TorrentState.SEEDING, seeder.state());

            Torrent leecher = swarm.leecher("leecher");
            Swarm.awaitRunning(leecher);
            assertEquals(TorrentState.DOWNLOADING, leecher.state());
            leecher.connect(swarm.address(seeder));

            assertTrue(leecher.awaitCompletion(Duration.ofSeconds(30)), "download did not complete");
            assertEquals(TorrentState.SEEDING, leecher.state());
            swarm.assertSameAsSource(swarm.directory("leecher"));
            TorrentStatus status = leecher.status(null, null);
            assertEquals(status.totalBytes(), status.verifiedBytes());
            assertTrue(status.downloaded() >= status.totalBytes());
            assertEquals(0, status.metrics().hashFailures());
        }
    }

    @Test
    void aStrategyWhoseChoicesMoveOnOnlyWithVerifiedPiecesFinishes(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 2, 400_000, 32 * 1024)) {
            Torrent seeder = swarm.seeder();
            Swarm.awaitRunning(seeder);
            Torrent leecher = swarm.node(swarm.directory("leecher"), root.resolve("leecher.resume"),
                    EngineSettings.DEFAULT, TestPolicies.inOrder(2));
            Swarm.awaitRunning(leecher);
            leecher.connect(swarm.address(seeder));
            assertTrue(leecher.awaitCompletion(Duration.ofSeconds(30)), "stalled at "
                    + leecher.verifiedPieces().cardinality() + " of " + swarm.metainfo.pieceCount() + " pieces");
            swarm.assertSameAsSource(swarm.directory("leecher"));
        }
    }
}
