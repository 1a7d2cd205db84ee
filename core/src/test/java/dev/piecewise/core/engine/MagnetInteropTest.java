package dev.piecewise.core.engine;

import dev.piecewise.api.Client;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentSource;
import dev.piecewise.testing.RealClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Magnet links against the clients people run, on 127.0.0.1: Piecewise fetches the metadata from a libtorrent and from
 * an aria2 seeder and downloads the torrent byte for byte; aria2 fetches the metadata from a Piecewise seeder.
 */
class MagnetInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path root;

    private Client client(String name) {
        return Clients.start(root, name);
    }

    private static String magnet(Swarm swarm, InetSocketAddress peer) {
        return "magnet:?xt=urn:btih:" + swarm.metainfo.infoHash().hex() + "&x.pe=127.0.0.1:" + peer.getPort();
    }

    private TorrentHandle addMagnet(Client client, String magnet, Path directory) {
        return client.add(Clients.add(new TorrentSource.Magnet(magnet), directory));
    }

    @Test
    void downloadsAMagnetLinkFromALibtorrentSeeder() throws Exception {
        try (var swarm = new Swarm(root, 4, 700_000, 64 * 1024);
             var libtorrent = RealClient.libtorrentSeeder(swarm.torrentFile, swarm.source.getParent(),
                     root.resolve("libtorrent"));
             Client client = client("piecewise")) {
            TorrentHandle torrent = addMagnet(client, magnet(swarm, libtorrent.address()), root.resolve("download"));
            assertTrue(torrent.awaitCompletion(TIMEOUT), () -> torrent.status() + "\nlibtorrent: " + libtorrent.log());
            swarm.assertSameAsSource(root.resolve("download"));
        }
    }

    @Test
    void downloadsAMagnetLinkFromAnAria2Seeder() throws Exception {
        try (var swarm = new Swarm(root, 4, 700_000, 64 * 1024);
             var aria2 = RealClient.aria2Seeder(swarm.torrentFile, swarm.source.getParent(), root.resolve("aria2"));
             Client client = client("piecewise")) {
            TorrentHandle torrent = addMagnet(client, magnet(swarm, aria2.address()), root.resolve("download"));
            assertTrue(torrent.awaitCompletion(TIMEOUT), () -> torrent.status() + "\naria2: " + aria2.log());
            swarm.assertSameAsSource(root.resolve("download"));
        }
    }

    @Test
    void servesTheMetadataToAnAria2MagnetDownload() throws Exception {
        try (var swarm = new Swarm(root, 4, 700_000, 64 * 1024); Client client = client("piecewise")) {
            TorrentHandle seed = client.add(Clients.add(new TorrentSource.File(swarm.torrentFile),
                    swarm.source.getParent()));
            assertTrue(seed.awaitCompletion(TIMEOUT));
            String magnet = "magnet:?xt=urn:btih:" + swarm.metainfo.infoHash().hex();
            try (var aria2 = RealClient.aria2MagnetLeecher(magnet, root.resolve("aria2-download"),
                    root.resolve("aria2"))) {
                seed.connect(aria2.address());
                assertTrue(aria2.awaitExit(TIMEOUT), "aria2 did not finish: " + aria2.log());
                swarm.assertSameAsSource(root.resolve("aria2-download"));
            }
        }
    }
}
