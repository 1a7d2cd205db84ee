package dev.piecewise.dist;

import dev.piecewise.core.metainfo.MetainfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
            String status = shown(shell, "status " + id);
            for (int i = 0; i < 100 && status.lines().noneMatch(l -> l.matches(tried)); i++) {
                Thread.sleep(50);
                status = shown(shell, "status " + id);
            }
            assertTrue(status.lines().anyMatch(l -> l.matches(tried)), "the peer tried: " + status);
            assertTrue(status.lines().anyMatch(l -> l.matches("state\\s+fetching metadata")), status);
            assertTrue(status.lines().anyMatch(l -> l.matches("metadata\\s+size not known yet: no peer has offered.*")),
                    status);
            String list = shown(shell, "list");
            assertTrue(list.lines().anyMatch(l -> l.matches(id + "\\s+nowhere\\s+fetching metadata\\s+0\\.0%\\s+\\?\\s+"
                    + ".*\\s1 tried\\s+-")), list);

            shell.send("save-torrent " + id + " " + work.resolve("x.torrent"));
            assertEquals(1, shell.finish(), "the metadata cannot be saved before it is known");
            assertEquals("save-torrent: the metadata of " + id + " is not known yet: it is still being fetched from "
                    + "peers", shell.errors().strip());
        }
    }

    /** What a command printed: it is followed by a command whose output marks the end. */
    private static String shown(ShellProcess shell, String command) throws Exception {
        shell.send(command + "; help quit");
        return shell.await("usage: quit");
    }
}
