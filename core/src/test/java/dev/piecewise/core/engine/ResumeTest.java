package dev.piecewise.core.engine;

import dev.piecewise.api.TorrentState;
import dev.piecewise.api.TorrentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResumeTest {

    @Test
    void aRestartFromTheResumeStateFetchesOnlyWhatWasMissing(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 4, 1_000_000, 64 * 1024)) {
            // a seeder without the last file: the leecher can get only the pieces before it
            Torrent partial = swarm.node(swarm.partialCopy("partial", "file-3.bin"), EngineSettings.DEFAULT);
            Swarm.awaitRunning(partial);
            int available = partial.verifiedPieces().cardinality();
            assertTrue(available > 0 && available < swarm.metainfo.pieceCount());

            Path directory = swarm.directory("leecher");
            Path resume = root.resolve("leecher.resume");
            Torrent first = swarm.node(directory, resume, EngineSettings.DEFAULT);
            Swarm.awaitRunning(first);
            first.connect(swarm.address(partial));
            assertTrue(Swarm.awaitVerified(first, available, Duration.ofSeconds(30)));
            first.pause();
            BitSet before = first.verifiedPieces();
            long verifiedBytes = first.status(null, null).verifiedBytes();
            first.remove(false);

            Torrent second = swarm.node(directory, resume, EngineSettings.DEFAULT);
            Swarm.awaitRunning(second);
            BitSet after = second.verifiedPieces();
            assertEquals(before, after, "the restart found exactly what was verified");
            assertEquals(TorrentState.DOWNLOADING, second.state());

            Torrent seeder = swarm.seeder();
            Swarm.awaitRunning(seeder);
            second.connect(swarm.address(seeder));
            assertTrue(second.awaitCompletion(Duration.ofSeconds(30)));
            swarm.assertSameAsSource(directory);
            TorrentStatus status = second.status(null, null);
            assertTrue(status.downloaded() <= status.totalBytes() - verifiedBytes,
                    "refetched verified data: downloaded " + status.downloaded() + " of the "
                            + (status.totalBytes() - verifiedBytes) + " missing bytes");
        }
    }

    @Test
    void pauseAndResumeInTheSameSessionGoStraightBackToWork(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 2, 1_000_000, 64 * 1024)) {
            Torrent seeder = swarm.seeder();
            Swarm.awaitRunning(seeder);
            seeder.pause();
            assertEquals(TorrentState.PAUSED, seeder.state());
            assertTrue(seeder.peers().isEmpty());
            seeder.resume();
            assertEquals(TorrentState.SEEDING, seeder.state(), "no second check of data known to be there");

            Torrent leecher = swarm.leecher("leecher");
            Swarm.awaitRunning(leecher);
            leecher.connect(swarm.address(seeder));
            assertTrue(leecher.awaitCompletion(Duration.ofSeconds(30)));
            swarm.assertSameAsSource(swarm.directory("leecher"));
        }
    }
}
