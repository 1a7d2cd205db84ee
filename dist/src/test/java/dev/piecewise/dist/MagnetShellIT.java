package dev.piecewise.dist;

import dev.piecewise.core.metainfo.MetainfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code add magnet:...} in the shell as scripts use it, against a seeding Piecewise shell. */
class MagnetShellIT {

    @TempDir
    Path work;

    @Test
    void aScriptDownloadsAMagnetLinkByteIdenticalAndSavesItsTorrent() throws Exception {
        try (var seeding = SeedingShell.start(work.resolve("seeder"), Payload.create(work, 4, 400_000, 64 * 1024))) {
            Payload payload = seeding.payload();
            String id = seeding.id();
            // unquoted, '&' and all, as the shell's own syntax allows; the system shell sees one -c argument
            String magnet = "magnet:?xt=urn:btih:" + payload.infoHash().hex() + "&dn=payload&tr="
                    + URLEncoder.encode(seeding.tracker().toString(), StandardCharsets.UTF_8);
            Path out = work.resolve("out");
            Path saved = work.resolve("kept.torrent");

            Launch.Result download = Launch.run(work, "", Launch.command(work.resolve("leecher"), "-c",
                    "add " + magnet + " --dir " + out + "; wait --timeout 45; list; save-torrent " + id + " "
                            + saved + "; status " + id));

            assertEquals(0, download.status(), download.err());
            payload.assertDownloadedTo(out);
            String shown = download.out();
            assertTrue(shown.startsWith(id + "\n" + id + " complete\n"), shown);
            assertTrue(shown.lines().anyMatch(l -> l.matches(id + "\\s+payload\\s+seeding\\s+100\\.0%.*")), shown);
            assertTrue(shown.contains(id + " saved to " + saved), shown);
            assertTrue(shown.contains("progress      100.0% of "), "the normal view once the metadata is known: "
                    + shown);
            assertEquals(payload.infoHash(), MetainfoParser.parse(Files.readAllBytes(saved), "kept").infoHash(),
                    "the saved torrent holds the info dictionary as received");

            Launch.Result again = Launch.run(work, "", Launch.command(work.resolve("leecher"), "-c",
                    "save-torrent " + id + " " + saved));
            assertEquals(1, again.status());
            assertTrue(again.err().startsWith("save-torrent: "), again.err());
            assertEquals(1, again.err().lines().count(), again.err());
            assertEquals(0, seeding.shell().finish(), seeding.shell().errors());
        }
    }

    @Test
    void aMagnetTorrentWithoutMetadataShowsFetchingMetadataAndThePeersTried() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String hex = "c12fe1c06bba254a9dc9f519b335aa7c1367a88a";
        String id = hex.substring(0, 8);
        String magnet = "'magnet:?xt=urn:btih:" + hex + "&dn=nowhere&x.pe=127.0.0.1:" + closedPort + "'";

        try (var shell = ShellProcess.start(Launch.command(work.resolve("data")))) {
            shell.send("add " + magnet + " --dir " + work.resolve("out"));
            shell.await(id + "\n");
            String tried = "127\\.0\\.0\\.1:" + closedPort + "\\s+-\\s+unreachable: .*";
            String status = shell.output("status " + id);
            for (int i = 0; i < 100 && status.lines().noneMatch(l -> l.matches(tried)); i++) {
                Thread.sleep(50);
                status = shell.output("status " + id);
            }
            assertTrue(status.lines().anyMatch(l -> l.matches(tried)), "the peer tried: " + status);
            assertTrue(status.lines().anyMatch(l -> l.matches("state\\s+fetching metadata")), status);
            assertTrue(status.lines().anyMatch(l -> l.matches("metadata\\s+size not known yet: no peer has offered.*")),
                    status);
            String list = shell.output("list");
            assertTrue(list.lines().anyMatch(l -> l.matches(id + "\\s+nowhere\\s+fetching metadata\\s+0\\.0%\\s+\\?\\s+"
                    + ".*\\s1 tried\\s+-")), list);

            shell.send("save-torrent " + id + " " + work.resolve("x.torrent"));
            assertEquals(1, shell.finish(), "the metadata cannot be saved before it is known");
            assertEquals("save-torrent: the metadata of " + id + " is not known yet: it is still being fetched from "
                    + "peers", shell.errors().strip());
        }
    }

    /**
     * A partial seeder (one file missing) keeps the connection, so the download's peers stay to be seen: first the
     * metadata's peers, then the torrent's, each with the source it was learned from.
     */
    @Test
    void aMagnetTorrentShowsItsPeersWithTheirSourceAndThenTheNormalView() throws Exception {
        Payload untracked = Payload.create(work, 3, 300_000, 64 * 1024);
        Path partial = work.resolve("partial");
        try (Stream<Path> files = Files.walk(untracked.seedDirectory())) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.endsWith("file-2.bin")).toList()) {
                Path copy = partial.resolve(untracked.seedDirectory().relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        try (var seeding = SeedingShell.partial(work.resolve("seeder"), untracked, partial);
             var leecher = ShellProcess.start(Launch.command(work.resolve("leecher")))) {
            String id = seeding.id();
            leecher.send("add magnet:?xt=urn:btih:" + seeding.payload().infoHash().hex() + "&tr="
                    + URLEncoder.encode(seeding.tracker().toString(), StandardCharsets.UTF_8) + " --dir "
                    + work.resolve("out"));
            leecher.await(id + "\n");
            String status = leecher.output("status " + id);
            for (int i = 0; i < 200 && status.lines().noneMatch(l -> l.matches("state\\s+downloading")); i++) {
                Thread.sleep(50);
                status = leecher.output("status " + id);
            }
            assertTrue(status.lines().anyMatch(l -> l.matches("progress\\s+\\d+\\.\\d% of .* pieces\\)")),
                    "the normal view: " + status);
            String peerRow = "127\\.0\\.0\\.1:\\d+\\s+.*\\s+tracker";
            String peers = leecher.output("peers " + id);
            for (int i = 0; i < 100 && peers.lines().noneMatch(l -> l.matches(peerRow)); i++) {
                Thread.sleep(50);
                peers = leecher.output("peers " + id);
            }
            assertTrue(peers.lines().anyMatch(l -> l.matches("ADDRESS\\s+CLIENT\\s+.*\\s+SOURCE")), peers);
            assertTrue(peers.lines().anyMatch(l -> l.matches(peerRow)), "the seeder, learned from the tracker: "
                    + peers);
        }
    }

}
