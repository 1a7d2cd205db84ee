package dev.piecewise.core.engine;

import dev.piecewise.api.TorrentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several nodes on 127.0.0.1 in one JVM exchanging a real torrent. */
class SwarmTest {

    @Test
    void aLeecherUploadsToAnotherWhileItDownloads(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 3, 4_000_000, 256 * 1024)) {
            Torrent seeder = swarm.seeder();
            Torrent first = swarm.leecher("first");
            Torrent second = swarm.leecher("second");
            for (Torrent torrent : List.of(seeder, first, second)) {
                Swarm.awaitRunning(torrent);
            }
            // the second leecher can only get data through the first
            first.connect(swarm.address(seeder));
            second.connect(swarm.address(first));

            assertTrue(first.awaitCompletion(Duration.ofSeconds(60)));
            assertTrue(second.awaitCompletion(Duration.ofSeconds(60)));
            swarm.assertSameAsSource(swarm.directory("first"));
            swarm.assertSameAsSource(swarm.directory("second"));
            TorrentStatus relay = first.status(null, null);
            assertTrue(relay.downloaded() >= relay.totalBytes(), "the first leecher downloaded everything");
            assertTrue(relay.uploaded() >= relay.totalBytes(), "and uploaded everything to the second");
        }
    }

    /** Peers a tracker names are dialled as they are learned, not at the torrent's next tick. */
    @Test
    void peersLearnedFromATrackerAreDialledAtOnce(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 2, 1_000_000, 64 * 1024)) {
            Torrent seeder = swarm.seeder();
            // ticks an hour apart: only dialling on learning can connect this leecher
            Torrent leecher = swarm.node(root.resolve("leecher"),
                    EngineSettings.DEFAULT.withTickInterval(Duration.ofHours(1)));
            Swarm.awaitRunning(seeder);
            Swarm.awaitRunning(leecher);

            leecher.addPeers(List.of(swarm.address(seeder)), "tracker");

            assertTrue(leecher.awaitCompletion(Duration.ofSeconds(30)));
            swarm.assertSameAsSource(root.resolve("leecher"));
        }
    }

    @Test
    void fourNodesAllConnectedAllFinish(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 4, 1_500_000, 128 * 1024)) {
            Torrent seeder = swarm.seeder();
            List<Torrent> leechers = List.of(swarm.leecher("l1"), swarm.leecher("l2"), swarm.leecher("l3"));
            Swarm.awaitRunning(seeder);
            for (Torrent leecher : leechers) {
                Swarm.awaitRunning(leecher);
                leecher.connect(swarm.address(seeder));
                for (Torrent other : leechers) {
                    if (other != leecher) {
                        leecher.connect(swarm.address(other));
                    }
                }
            }
            for (Torrent leecher : leechers) {
                assertTrue(leecher.awaitCompletion(Duration.ofSeconds(60)));
            }
            for (int i = 0; i < leechers.size(); i++) {
                swarm.assertSameAsSource(swarm.directory("l" + (i + 1)));
                assertEquals(0, leechers.get(i).status(null, null).metrics().hashFailures());
            }
            // duplicate connections (each pair dialled both ways) are refused by peer id
            assertTrue(seeder.peers().size() <= 3, seeder.peers().toString());
        }
    }
}
