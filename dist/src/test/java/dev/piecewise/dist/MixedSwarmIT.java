package dev.piecewise.dist;

import dev.piecewise.testing.OpenTracker;
import dev.piecewise.testing.RealClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A swarm of established clients with Piecewise in it: an aria2 and a Transmission seeder, Piecewise, and an aria2
 * leecher, around a real opentracker. Piecewise downloads from both seeders (it dials Transmission, which never dials
 * loopback peers) and uploads to the leecher while it downloads.
 */
class MixedSwarmIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void piecewiseDownloadsFromTwoForeignSeedersAndUploadsToAForeignLeecher(@TempDir Path root) throws Exception {
        Payload untracked = Payload.create(root, 6, 1_500_000, 256 * 1024);
        try (var tracker = OpenTracker.start(root.resolve("tracker"), List.of(untracked.infoHash()))) {
            Payload payload = untracked.announcingTo(List.of(tracker.httpAnnounce()));
            // the aria2 seeder is slow (1 MiB/s), so the leecher has reason to ask Piecewise for pieces
            try (var aria2Seeder = RealClient.aria2Seeder(payload.torrent(), payload.seedDirectory(),
                    root.resolve("aria2-seeder"), 1L << 20);
                 var transmissionSeeder = RealClient.transmissionSeeder(payload.torrent(), payload.seedDirectory(),
                         root.resolve("transmission-seeder"));
                 var piecewise = ProductClient.start(root.resolve("piecewise"));
                 var aria2Leecher = RealClient.aria2Leecher(payload.torrent(), root.resolve("aria2-download"),
                         root.resolve("aria2-leecher"))) {
                piecewise.add(payload.torrent(), root.resolve("download"), Optional.empty(), Optional.empty());
                piecewise.connect(transmissionSeeder.address());

                assertTrue(piecewise.awaitComplete(TIMEOUT), "Piecewise did not finish: " + piecewise.status()
                        + piecewise.log());
                payload.assertDownloadedTo(root.resolve("download"));
                assertTrue(aria2Leecher.awaitExit(TIMEOUT), "the aria2 leecher did not finish: "
                        + aria2Leecher.log());
                payload.assertDownloadedTo(root.resolve("aria2-download"));
                ProductClient.Status status = piecewise.status().orElseThrow();
                assertTrue(status.uploaded() > 0, "Piecewise uploaded nothing: " + status);
            }
        }
    }
}
