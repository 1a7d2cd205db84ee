package dev.piecewise.core.engine;

import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.FileSnapshot;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.Selection;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentState;
import dev.piecewise.core.plugin.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API's torrent side through a real client (with the test plugins standing in for the built-in ones): adding,
 * finding, saving across restarts, pausing, switching plugins, removing with the data.
 */
class EngineTest {

    @TempDir
    Path root;

    private Client start() {
        Path plugins = root.resolve("plugins");
        if (!Files.isDirectory(plugins)) {
            Fixtures.install(plugins, Fixtures.GOOD, "good.jar");
        }
        return Piecewise.start(new ClientConfig(root.resolve("data"), plugins, InetAddress.getLoopbackAddress(), 0));
    }

    @Test
    void aTorrentIsAddedFoundSavedAcrossRestartsAndRemovedWithItsData() throws Exception {
        var swarm = new Swarm(root.resolve("swarm"), 3, 100_000, 32 * 1024);
        Path directory = swarm.source.getParent();
        String id;
        try (Client client = start()) {
            TorrentHandle torrent = client.add(AddTorrent.of(swarm.torrentFile, directory));
            id = torrent.id();
            assertEquals(swarm.metainfo.infoHash().hex().substring(0, 8), id);
            assertTrue(torrent.awaitCompletion(Duration.ofSeconds(10)), "the data is all there");
            assertEquals(TorrentState.SEEDING, torrent.status().state());
            assertEquals("rarest-first+end-game", torrent.status().strategy().spec(), "the default");
            for (FileSnapshot file : torrent.files()) {
                assertEquals(file.length(), file.verifiedBytes(), file.toString());
            }
            assertEquals(3, torrent.files().size());
            assertEquals(List.of(torrent), client.torrents());
            assertEquals(torrent, client.torrent(id.substring(0, 3)));
            assertTrue(assertThrows(PiecewiseException.class, () -> client.add(AddTorrent.of(swarm.torrentFile,
                    directory))).getMessage().startsWith("this torrent was already added as " + id));
            assertThrows(PiecewiseException.class, () -> torrent.setStrategy("no-such-strategy", Map.of()));
            assertEquals("rarest-first", torrent.setStrategy("rarest", Map.of("window", "2")).spec());
            torrent.pause();
            assertEquals(TorrentState.PAUSED, torrent.status().state());
        }
        try (Client client = start()) {
            TorrentHandle restored = client.torrent(id);
            assertEquals(TorrentState.PAUSED, restored.status().state(), "paused stays paused");
            Selection strategy = restored.status().strategy();
            assertEquals("rarest-first", strategy.spec());
            assertTrue(strategy.options().contains("window=2"), strategy.toString());
            restored.resume();
            assertTrue(restored.awaitCompletion(Duration.ofSeconds(10)));
            assertEquals(TorrentState.SEEDING, restored.status().state());
            client.remove(id, true);
            assertEquals(TorrentState.REMOVED, restored.status().state(), "a handle keeps the state it ended in");
            assertFalse(Files.exists(directory.resolve(swarm.metainfo.name())), "the data is deleted");
            assertTrue(client.torrents().isEmpty());
        }
        try (Client client = start()) {
            assertTrue(client.torrents().isEmpty(), "a removed torrent is not restored");
        }
    }

    @Test
    void aTorrentThatCannotBeStoredIsRefusedAndForgotten() throws Exception {
        var swarm = new Swarm(root.resolve("swarm"), 1, 50_000, 32 * 1024);
        Path notADirectory = Files.writeString(root.resolve("file"), "in the way");
        try (Client client = start()) {
            var refusal = assertThrows(PiecewiseException.class,
                    () -> client.add(new AddTorrent(swarm.torrentFile, notADirectory, Optional.empty(), Map.of(),
                            Optional.empty(), Map.of())));
            assertTrue(refusal.getMessage().startsWith("cannot use " + notADirectory), refusal.getMessage());
            assertTrue(client.torrents().isEmpty());
        }
        try (Client client = start()) {
            assertTrue(client.torrents().isEmpty());
        }
    }
}
