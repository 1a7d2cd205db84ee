package dev.piecewise.core.engine;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.TorrentState;
import dev.piecewise.testing.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A download into a 1 MiB tmpfs: the torrent stops in the error state with a clear message and its connections
 * closed; once the file system is grown, resume finishes it byte-identical. Needs the right to mount a tmpfs (root
 * with CAP_SYS_ADMIN), else it is skipped.
 */
class DiskFullTest {


    @Test
    void aFullDiskStopsTheTorrentWithAnErrorAndResumeFinishesIt(@TempDir Path root) throws Exception {
        Path small = Files.createDirectories(root.resolve("small"));
        assumeTrue(Tmpfs.mount(small, "1m"),
                "mounting a tmpfs needs root with CAP_SYS_ADMIN");
        try (var swarm = new Swarm(root, 3, 1_000_000, 64 * 1024)) {
            Torrent seeder = swarm.seeder();
            Swarm.awaitRunning(seeder);
            Torrent leecher = swarm.node(small, root.resolve("leecher.resume"), EngineSettings.DEFAULT);
            Swarm.awaitRunning(leecher);
            leecher.connect(swarm.address(seeder));

            var failure = assertThrows(PiecewiseException.class,
                    () -> leecher.awaitCompletion(Duration.ofSeconds(30)));
            assertTrue(failure.getMessage().contains("disk full"), failure.getMessage());
            assertEquals(TorrentState.ERROR, leecher.state());
            assertTrue(leecher.error().orElseThrow().contains("disk full"));
            assertTrue(awaitNoPeers(leecher), "an errored torrent closes its connections");

            assertTrue(Tmpfs.resize(small, "16m"));
            leecher.resume();
            leecher.connect(swarm.address(seeder));
            assertTrue(leecher.awaitCompletion(Duration.ofSeconds(30)));
            swarm.assertSameAsSource(small);
        } finally {
            Tmpfs.unmount(small);
        }
    }

    private static boolean awaitNoPeers(Torrent torrent) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!torrent.peers().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return torrent.peers().isEmpty();
    }
}
