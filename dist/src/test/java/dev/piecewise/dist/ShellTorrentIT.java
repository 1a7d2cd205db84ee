package dev.piecewise.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The torrent commands on a real local swarm of two shells: one seeds and runs the embedded tracker, the other
 * downloads in batch mode as a script would, then restarts over its saved state and removes the torrent.
 */
class ShellTorrentIT {

    @TempDir
    Path work;

    @Test
    void aScriptDownloadsFromASeedingShellAndManagesTheTorrent() throws Exception {
        try (var seeding = SeedingShell.start(work.resolve("seeder"), Payload.create(work, 5, 300_000, 64 * 1024))) {
            ShellProcess seeder = seeding.shell();
            Payload payload = seeding.payload();
            String torrent = seeding.id();
            assertEquals(payload.infoHash().hex().substring(0, 8), torrent);

            Path out = work.resolve("out");
            Launch.Result download = Launch.run(work, "", Launch.command(work.resolve("leecher"), "-c",
                    "add " + payload.torrent() + " --dir " + out + "; wait --timeout 60; list; status "
                            + torrent.substring(0, 4) + "; files " + torrent + "; trackers " + torrent));
            assertEquals(0, download.status(), download.err());
            payload.assertDownloadedTo(out);
            String shown = download.out();
            assertTrue(shown.startsWith(torrent + "\n" + torrent + " complete\n"), shown);
            assertTrue(shown.lines().anyMatch(l -> l.matches(torrent + "\\s+payload\\s+seeding\\s+100\\.0%.*")), shown);
            assertTrue(shown.contains("info-hash     " + payload.infoHash().hex()), shown);
            assertTrue(shown.lines().anyMatch(l -> l.matches("\\s*1\\s+100\\.0%\\s+\\S+ KiB\\s+payload/part-0/"
                    + "file-0\\.bin")), shown);
            // the tracker has answered; the 'completed' announce may be under way
            assertTrue(shown.lines().anyMatch(l -> l.matches("\\s*0\\s+" + Pattern.quote(seeding.tracker().toString())
                    + "\\s+(working|announcing)\\s+\\S+ ago\\s+.*")), shown);

            Launch.Result restart = Launch.run(work, "", Launch.command(work.resolve("leecher"), "-c",
                    "list; pause " + torrent + "; resume " + torrent + "; remove " + torrent
                            + " --delete-data; list"));
            assertEquals(0, restart.status(), restart.err());
            List<String> lines = restart.out().lines().toList();
            assertTrue(lines.get(1).matches(torrent + "\\s+payload\\s+\\w+.*"), "restored: " + lines);
            assertTrue(lines.containsAll(List.of(torrent + " paused", torrent + " resumed",
                    torrent + " removed, data deleted", "no torrents; add one with: add <file.torrent|magnet>")),
                    lines.toString());
            assertFalse(Files.exists(out.resolve("payload")), "the data is deleted");

            seeder.send("status " + torrent);
            assertTrue(seeder.await("availability").contains("state         seeding"));
            assertEquals(0, seeder.finish(), seeder.errors());
        }
    }

    @Test
    void aTorrentCommandWithAnUnknownIdFailsWithOneLine() throws Exception {
        Launch.Result result = Launch.run(work, "", Launch.command(work.resolve("data"), "-c", "status 0bad"));
        assertEquals(1, result.status());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().startsWith("status: "), result.err());
    }
}
