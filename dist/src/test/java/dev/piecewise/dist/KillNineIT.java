package dev.piecewise.dist;

import dev.piecewise.testing.RealClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} at twenty random moments of a download, each followed by a restart on the same data directory: the
 * download completes byte-identical, and no restart ever has fewer verified pieces than were reported before the kill
 * (so no verified piece is fetched twice). The seeder is an aria2 limited to 8 MiB/s, so the download lasts long
 * enough to be interrupted twenty times.
 */
class KillNineIT {

    private static final int KILLS = 20;

    @Test
    void twentyKillsAndRestartsEndInAByteIdenticalDownload(@TempDir Path root) throws Exception {
        Payload payload = Payload.create(root, 4, 10_000_000, 256 * 1024);
        Path data = root.resolve("piecewise");
        Path download = root.resolve("download");
        var random = new Random(20);
        try (var seeder = RealClient.aria2Seeder(payload.torrent(), payload.seedDirectory(), root.resolve("aria2"),
                8L << 20)) {
            int verifiedBeforeKill = 0;
            int kills = 0;
            boolean complete = false;
            for (int run = 0; !complete; run++) {
                try (var client = ProductClient.start(data)) {
                    if (run == 0) {
                        client.add(payload.torrent(), download, Optional.empty(), Optional.empty());
                    }
                    client.connect(seeder.address());
                    assertTrue(client.awaitVerified(verifiedBeforeKill, Duration.ofSeconds(30)), "run " + run
                            + " restarted with fewer verified pieces than the " + verifiedBeforeKill + " before the"
                            + " kill: " + client.status() + client.log());
                    if (kills < KILLS) {
                        Thread.sleep(200 + random.nextInt(800));
                        verifiedBeforeKill = client.status().map(ProductClient.Status::verified).orElse(0);
                        client.kill();
                        kills++;
                    } else {
                        complete = client.awaitComplete(Duration.ofSeconds(60));
                        assertTrue(complete, "not complete after the kills: " + client.status() + client.log());
                    }
                }
            }
            payload.assertDownloadedTo(download);
        }
    }
}
