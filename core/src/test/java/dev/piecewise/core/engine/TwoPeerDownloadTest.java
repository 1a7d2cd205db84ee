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
}
