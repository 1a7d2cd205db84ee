package dev.piecewise.dist;

import dev.piecewise.testing.RealClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Piecewise and Transmission 3 on 127.0.0.1. Transmission never dials loopback peers (it only accepts them), so
 * Piecewise connects to it in both directions; Transmission first answers interest at its 10-second rechoke.
 */
class TransmissionInteropIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void downloadsFromATransmissionSeeder(@TempDir Path root) throws Exception {
        Payload payload = Payload.create(root, 4, 700_000, 256 * 1024);
        try (var transmission = RealClient.transmissionSeeder(payload.torrent(), payload.seedDirectory(),
                root.resolve("transmission"));
             var piecewise = ProductClient.start(root.resolve("piecewise"))) {
            piecewise.add(payload.torrent(), root.resolve("download"), Optional.empty(), Optional.empty());
            // Transmission refuses connections while it checks its data: dial again until one holds
            for (int tries = 0; tries < 30 && !piecewise.awaitConnected(Duration.ofSeconds(1)); tries++) {
                piecewise.connect(transmission.address());
            }
            assertTrue(piecewise.awaitComplete(TIMEOUT), "not complete: " + piecewise.status() + piecewise.log()
                    + transmission.log());
            payload.assertDownloadedTo(root.resolve("download"));
        }
    }

    @Test
    void seedsToATransmissionLeecher(@TempDir Path root) throws Exception {
        Payload payload = Payload.create(root, 4, 700_000, 256 * 1024);
        try (var piecewise = ProductClient.start(root.resolve("piecewise"))) {
            piecewise.add(payload.torrent(), payload.seedDirectory(), Optional.empty(), Optional.empty());
            assertTrue(piecewise.awaitComplete(TIMEOUT));
            try (var transmission = RealClient.transmissionLeecher(payload.torrent(), root.resolve("download"),
                    root.resolve("transmission"))) {
                for (int tries = 0; tries < 30 && !piecewise.awaitConnected(Duration.ofSeconds(1)); tries++) {
                    piecewise.connect(transmission.address());
                }
                assertTrue(transmission.awaitExit(TIMEOUT), "transmission did not finish: " + transmission.log()
                        + piecewise.log());
                payload.assertDownloadedTo(root.resolve("download"));
            }
        }
    }
}
