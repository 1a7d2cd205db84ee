package dev.piecewise.core.engine;

import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.Client;
import dev.piecewise.api.MetadataProgress;
import dev.piecewise.api.PeerSnapshot;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentSource;
import dev.piecewise.api.TorrentState;
import dev.piecewise.api.TorrentStatus;
import dev.piecewise.core.metainfo.MetainfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole clients in one JVM, through the API: torrents added by magnet link, from the metadata to the last byte. */
class MagnetSessionTest {

    @TempDir
    Path root;

    private Client client(String name) {
        return Clients.start(root, name);
    }

    private static AddTorrent add(TorrentSource source, Path directory) {
        return Clients.add(source, directory);
    }

    private static String magnet(Swarm swarm, String extra) {
        return "magnet:?xt=urn:btih:" + swarm.metainfo.infoHash().hex() + "&dn=from+the+link" + extra;
    }

    @Test
    void aMagnetLinkDownloadsFromAPiecewiseSeederThenSurvivesARestartAsAnOrdinaryTorrent() throws Exception {
        try (var swarm = new Swarm(root, 3, 700_000, 32 * 1024); Client seeding = client("seeder")) {
            TorrentHandle seed = seeding.add(add(new TorrentSource.File(swarm.torrentFile), swarm.source.getParent()));
            assertTrue(seed.awaitCompletion(Duration.ofSeconds(20)));
            String link = magnet(swarm, "&x.pe=127.0.0.1:" + seeding.port());
            Path download = root.resolve("download");

            try (Client leeching = client("leecher")) {
                TorrentHandle torrent = leeching.add(add(new TorrentSource.Magnet(link), download));
                assertEquals(swarm.metainfo.infoHash(), torrent.infoHash());
                assertTrue(torrent.awaitCompletion(Duration.ofSeconds(30)), () -> torrent.status().toString());
                swarm.assertSameAsSource(download);
                assertEquals(swarm.metainfo.name(), torrent.name(), "the metadata's name replaces the link's");
                assertEquals(3, torrent.files().size());
                TorrentStatus status = torrent.status();
                assertEquals(TorrentState.SEEDING, status.state());
                assertTrue(status.metadata().isEmpty());

                Path saved = root.resolve("saved.torrent");
                torrent.saveTorrent(saved, false);
                assertEquals(swarm.metainfo.infoHash(), MetainfoParser.read(saved).infoHash());
                assertTrue(assertThrows(PiecewiseException.class, () -> torrent.saveTorrent(saved, false))
                        .getMessage().contains("exists"));
                torrent.saveTorrent(saved, true);
            }
            try (Client restarted = client("leecher")) {
                TorrentHandle torrent = restarted.torrent(swarm.metainfo.infoHash().hex());
                assertEquals(swarm.metainfo.name(), torrent.name(), "restored from the .torrent made of the metadata");
                assertTrue(torrent.awaitCompletion(Duration.ofSeconds(20)));
            }
        }
    }

    @Test
    void aMagnetTorrentWaitsForPeersShowsWhatItTriedAndIsRestoredAsAMagnet() throws Exception {
        try (var swarm = new Swarm(root, 1, 100_000, 16 * 1024);
             var refuser = new MetadataPeer(swarm.metainfo.infoHash(), swarm.metainfo.infoBytes(),
                     MetadataPeer.Behaviour.REJECT)) {
            int nobody;
            try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                nobody = socket.getLocalPort();
            }
            String link = magnet(swarm, "&x.pe=127.0.0.1:" + nobody + "&x.pe=127.0.0.1:" + refuser.address().getPort());
            try (Client client = client("client")) {
                TorrentHandle torrent = client.add(add(new TorrentSource.Magnet(link), root.resolve("download")));
                assertEquals("from the link", torrent.name());
                long deadline = System.nanoTime() + 10_000_000_000L;
                while ((refuser.requests() == 0 || torrent.status().metadata().orElseThrow().peers().size() < 2)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                TorrentStatus status = torrent.status();
                assertEquals(TorrentState.FETCHING_METADATA, status.state());
                assertEquals(0, status.progress());
                MetadataProgress progress = status.metadata().orElseThrow();
                assertEquals(OptionalLong.of(swarm.metainfo.infoBytes().length), progress.size());
                assertEquals(0, progress.piecesReceived());
                Map<InetSocketAddress, String> tried = progress.peers().stream().collect(Collectors.toMap(
                        MetadataProgress.MetadataPeer::address, MetadataProgress.MetadataPeer::state));
                assertEquals(Set.of(refuser.address(), new InetSocketAddress("127.0.0.1", nobody)), tried.keySet(),
                        "the peers tried, reached or not: " + tried);
                assertTrue(tried.get(new InetSocketAddress("127.0.0.1", nobody)).startsWith("unreachable: "),
                        tried.toString());
                assertEquals(List.of("magnet"), torrent.peers().stream().map(PeerSnapshot::source).toList(),
                        "a peer of the link shows where it came from");
                assertEquals(0, torrent.files().size());
                assertFalse(torrent.awaitCompletion(Duration.ofMillis(300)));
                assertTrue(assertThrows(PiecewiseException.class, () -> torrent.saveTorrent(root.resolve("t"), false))
                        .getMessage().contains("not known yet"));

                torrent.pause();
                assertEquals(TorrentState.PAUSED, torrent.status().state());
                torrent.resume();
                assertEquals(TorrentState.FETCHING_METADATA, torrent.status().state());
                torrent.pause();
            }
            try (Client restarted = client("client")) {
                TorrentHandle torrent = restarted.torrent(swarm.metainfo.infoHash().hex().substring(0, 8));
                assertEquals("from the link", torrent.name());
                assertEquals(TorrentState.PAUSED, torrent.status().state(), "restored paused, as it was left");
                assertTrue(torrent.status().metadata().isPresent());
                assertEquals(swarm.metainfo.infoHash(), torrent.infoHash());
            }
        }
    }

    @Test
    void badAndDuplicateMagnetLinksAreRefusedClearly() throws Exception {
        try (var swarm = new Swarm(root, 1, 100_000, 16 * 1024); Client client = client("client")) {
            String message = assertThrows(PiecewiseException.class, () -> client.add(add(
                    new TorrentSource.Magnet("magnet:?xt=urn:btih:1234"), root))).getMessage();
            assertTrue(message.startsWith("magnet link: the info-hash \"1234\""), message);

            TorrentHandle torrent = client.add(add(new TorrentSource.Magnet(magnet(swarm, "")), root));
            assertTrue(assertThrows(PiecewiseException.class, () -> client.add(add(
                    new TorrentSource.Magnet(magnet(swarm, "&tr=udp://127.0.0.1:1")), root))).getMessage()
                    .startsWith("this torrent was already added as " + torrent.id()));
            assertTrue(assertThrows(PiecewiseException.class, () -> client.add(add(
                    new TorrentSource.File(swarm.torrentFile), root))).getMessage()
                    .startsWith("this torrent was already added as " + torrent.id()));

            client.remove(torrent.id(), false);
            assertEquals(0, client.torrents().size());
            assertFalse(Files.exists(root.resolve("client/torrents").resolve(swarm.metainfo.infoHash().hex())));
        }
    }
}
