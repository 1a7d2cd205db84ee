package dev.piecewise.core.engine;

import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.MetainfoParser;
import dev.piecewise.core.metainfo.TorrentBuilder;
import dev.piecewise.core.picker.PieceGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One node seeding a hundred torrents to another: incoming connections go to the right torrent by info-hash. */
class ManyTorrentsTest {

    private static final int TORRENTS = 100;

    @Test
    void aHundredTorrentsInOneNodeAllReachAnotherNode(@TempDir Path root) throws Exception {
        var random = new Random(100);
        List<Metainfo> torrents = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < TORRENTS; i++) {
            byte[] data = new byte[40_000 + i * 100];
            random.nextBytes(data);
            Path file = Files.write(Files.createDirectories(root.resolve("seed")).resolve("file-" + i + ".bin"), data);
            torrents.add(MetainfoParser.parse(TorrentBuilder.of(file).pieceLength(16384).build(), "t" + i));
            contents.add(data);
        }
        try (var seederNode = new Node(EngineSettings.DEFAULT, InetAddress.getLoopbackAddress(), 0);
             var leecherNode = new Node(EngineSettings.DEFAULT, InetAddress.getLoopbackAddress(), 0)) {
            List<Torrent> seeds = start(seederNode, torrents, root.resolve("seed"), root.resolve("seed-resume"));
            List<Torrent> downloads = start(leecherNode, torrents, root.resolve("download"),
                    root.resolve("download-resume"));
            for (Torrent torrent : seeds) {
                Swarm.awaitRunning(torrent);
            }
            var seeder = new InetSocketAddress(InetAddress.getLoopbackAddress(), seederNode.port());
            for (Torrent torrent : downloads) {
                Swarm.awaitRunning(torrent);
                torrent.connect(seeder);
            }
            for (int i = 0; i < TORRENTS; i++) {
                assertTrue(downloads.get(i).awaitCompletion(Duration.ofSeconds(30)), "torrent " + i);
                assertArrayEquals(contents.get(i), Files.readAllBytes(root.resolve("download/file-" + i + ".bin")));
            }
            for (Torrent torrent : seeds) {
                torrent.remove(false);
            }
            for (Torrent torrent : downloads) {
                torrent.remove(false);
            }
        }
    }

    private static List<Torrent> start(Node node, List<Metainfo> torrents, Path directory, Path resumeFolder)
            throws Exception {
        Files.createDirectories(resumeFolder);
        List<Torrent> started = new ArrayList<>();
        for (Metainfo metainfo : torrents) {
            var torrent = new Torrent(node.context(), metainfo.infoHash(), metainfo.name(),
                    new PieceGeometry(metainfo.totalLength(), metainfo.pieceLength()),
                    TorrentData.open(metainfo, directory, resumeFolder.resolve(metainfo.infoHash().hex())),
                    TestPolicies.rarestFirst(), "rarest-first (test)", TestPolicies.unchokeAll(), "unchoke-all (test)",
                    null, (from, to) -> { }, Extensions.of(metainfo));
            node.register(torrent);
            torrent.start();
            started.add(torrent);
        }
        return started;
    }
}
