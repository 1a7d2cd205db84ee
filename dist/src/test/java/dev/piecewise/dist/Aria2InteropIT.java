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

/** Piecewise and aria2 find each other through a real opentracker on 127.0.0.1 and exchange a multi-file torrent. */
class Aria2InteropIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void downloadsFromAnAria2Seeder(@TempDir Path root) throws Exception {
        Payload untracked = Payload.create(root, 5, 600_000, 256 * 1024);
        try (var tracker = OpenTracker.start(root.resolve("tracker"), List.of(untracked.infoHash()))) {
            Payload payload = untracked.announcingTo(List.of(tracker.httpAnnounce()));
            try (var aria2 = RealClient.aria2Seeder(payload.torrent(), payload.seedDirectory(), root.resolve("aria2"));
                 var piecewise = ProductClient.start(root.resolve("piecewise"))) {
                piecewise.add(payload.torrent(), root.resolve("download"), Optional.empty(), Optional.empty());
                assertTrue(piecewise.awaitComplete(TIMEOUT), "not complete: " + piecewise.status()
                        + piecewise.log() + aria2.log());
                payload.assertDownloadedTo(root.resolve("download"));
            }
        }
    }

    @Test
    void seedsToAnAria2Leecher(@TempDir Path root) throws Exception {
        Payload untracked = Payload.create(root, 5, 600_000, 256 * 1024);
        try (var tracker = OpenTracker.start(root.resolve("tracker"), List.of(untracked.infoHash()))) {
            Payload payload = untracked.announcingTo(List.of(tracker.httpAnnounce()));
            try (var piecewise = ProductClient.start(root.resolve("piecewise"))) {
                piecewise.add(payload.torrent(), payload.seedDirectory(), Optional.empty(), Optional.empty());
                assertTrue(piecewise.awaitComplete(TIMEOUT), "the seeder did not find its data complete");
                try (var aria2 = RealClient.aria2Leecher(payload.torrent(), root.resolve("download"),
                        root.resolve("aria2"))) {
                    assertTrue(aria2.awaitExit(TIMEOUT), "aria2 did not finish: " + aria2.log() + piecewise.log());
                    payload.assertDownloadedTo(root.resolve("download"));
                }
            }
        }
    }
}
