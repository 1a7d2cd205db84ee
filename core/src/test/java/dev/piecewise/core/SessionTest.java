package dev.piecewise.core;

import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.PluginKind;
import dev.piecewise.api.Selection;
import dev.piecewise.api.TrackerServer;
import dev.piecewise.core.plugin.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTest {

    @TempDir
    Path temp;

    private ClientConfig config(Path plugins) {
        return new ClientConfig(temp.resolve("data"), plugins, InetAddress.getLoopbackAddress(), 0);
    }

    @Test
    void startsWithAnEmptyPluginsFolderAndExplainsWhatIsMissing() throws IOException {
        try (Client client = Piecewise.start(config(Files.createDirectories(temp.resolve("plugins"))))) {
            assertEquals(0, client.plugins().list().size());
            assertEquals(0, client.plugins().problems().size());
            assertTrue(assertThrows(PiecewiseException.class, client::defaultStrategy).getMessage()
                    .startsWith("no strategy is installed"));
            assertEquals("no strategy 'rarest'; none is installed", assertThrows(PiecewiseException.class,
                    () -> client.setDefaultStrategy("rarest", Map.of())).getMessage());
        }
    }

    @Test
    void setsTheDefaultsThroughThePlugins() throws IOException {
        Path plugins = temp.resolve("plugins");
        Fixtures.install(plugins, Fixtures.GOOD, "good.jar");

        try (Client client = Piecewise.start(config(plugins))) {
            assertEquals(4, client.plugins().list().size());
            assertEquals(1, client.plugins().list(PluginKind.CHOKING).size());
            assertEquals("rarest-first+end-game", client.defaultStrategy().spec());
            assertEquals(new Selection("rarest-first", "window=2 spread=1"),
                    client.setDefaultStrategy("rarest", Map.of("window", "2")));
            assertEquals(new Selection("rarest-first", "window=2 spread=1"), client.defaultStrategy());
            assertEquals(new Selection("tit-for-tat", "slots=3"), client.setDefaultChoking("tit-for-tat",
                    Map.of("slots", "3")));
            assertEquals(new Selection("tit-for-tat", "slots=3"), client.defaultChoking());
        }
    }

    @Test
    void startsWithNoTorrentsAndRefusesWhatIsNotATorrentClearly() throws IOException {
        try (Client client = Piecewise.start(config(temp.resolve("plugins")))) {
            assertEquals(0, client.torrents().size());
            assertTrue(client.port() > 0);
            Path garbage = Files.writeString(temp.resolve("garbage.torrent"), "not bencode");
            String message = assertThrows(PiecewiseException.class,
                    () -> client.add(AddTorrent.of(garbage, temp))).getMessage();
            assertTrue(message.contains("garbage.torrent"), message);
            assertTrue(assertThrows(PiecewiseException.class, () -> client.add(AddTorrent.of(temp.resolve("none"),
                    temp))).getMessage().startsWith("cannot read "));
            assertEquals("no torrent 'abc'; none is added",
                    assertThrows(PiecewiseException.class, () -> client.torrent("abc")).getMessage());
        }
    }

    @Test
    void runsOneEmbeddedTrackerAndStopsItWithTheClient() throws IOException {
        TrackerServer tracker;
        try (Client client = Piecewise.start(config(temp.resolve("plugins")))) {
            assertTrue(client.tracker().isEmpty());
            tracker = client.startTracker(0);
            assertEquals(URI.create("udp://127.0.0.1:" + tracker.port() + "/announce"), tracker.udpAnnounceUrl());
            assertEquals(Optional.of(tracker), client.tracker());
            assertTrue(assertThrows(PiecewiseException.class, () -> client.startTracker(0)).getMessage()
                    .startsWith("a tracker already runs on port " + tracker.port()));
        }
        assertFalse(tracker.isRunning(), "closing the client stops its tracker");
        try (var socket = new ServerSocket(tracker.port(), 1, InetAddress.getLoopbackAddress())) {
            assertEquals(tracker.port(), socket.getLocalPort(), "and frees its port");
        }
    }

    @Test
    void closingDeletesTheCopiesOfThePluginJars() throws IOException {
        Path plugins = temp.resolve("plugins");
        Fixtures.install(plugins, Fixtures.GOOD, "good.jar");

        Client client = Piecewise.start(config(plugins));
        assertEquals(1, jarsUnder(temp.resolve("data")));
        client.close();
        client.close();

        assertEquals(0, jarsUnder(temp.resolve("data")));
    }

    @Test
    void anUnusableDataDirectoryIsAClearError() throws IOException {
        Path file = Files.writeString(temp.resolve("data"), "not a directory");

        PiecewiseException e = assertThrows(PiecewiseException.class, () -> Piecewise.start(
                new ClientConfig(file, temp, InetAddress.getLoopbackAddress(), 0)));
        assertTrue(e.getMessage().startsWith("cannot use the data directory " + file), e.getMessage());
    }

    private static long jarsUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".jar")).count();
        }
    }
}
