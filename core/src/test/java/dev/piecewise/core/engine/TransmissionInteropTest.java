package dev.piecewise.core.engine;

import dev.piecewise.api.PeerSnapshot;
import dev.piecewise.testing.RealClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Piecewise and a real Transmission 3 on 127.0.0.1. Transmission never dials loopback peers, so Piecewise connects to
 * it; it answers interest at its 10-second rechoke and sends in half-second pulses, hence the longer waits.
 */
class TransmissionInteropTest {

    @Test
    void downloadsFromATransmissionSeeder(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 3, 500_000, 256 * 1024);
             var transmission = RealClient.transmissionSeeder(swarm.torrentFile, swarm.source.getParent(),
                     root.resolve("transmission"))) {
            Torrent leecher = swarm.leecher("leecher");
            Swarm.awaitRunning(leecher);
            List<PeerSnapshot> peers = SeedingTests.connect(leecher, transmission.address());
            assertTrue(peers.getFirst().client().startsWith("Transmission 3"), peers.toString());

            assertTrue(leecher.awaitCompletion(Duration.ofSeconds(60)), "no complete download; transmission said: "
                    + transmission.log());
            swarm.assertSameAsSource(swarm.directory("leecher"));
        }
    }

    @Test
    void seedsToATransmissionLeecher(@TempDir Path root) throws Exception {
        try (var swarm = new Swarm(root, 3, 500_000, 256 * 1024)) {
            Torrent seeder = swarm.seeder();
            Swarm.awaitRunning(seeder);
            try (var transmission = RealClient.transmissionLeecher(swarm.torrentFile,
                    swarm.directory("transmission-download"), root.resolve("transmission"))) {
                assertFalse(SeedingTests.connect(seeder, transmission.address()).isEmpty());
                assertTrue(transmission.awaitExit(Duration.ofSeconds(60)), "transmission did not finish: "
                        + transmission.log());
                swarm.assertSameAsSource(swarm.directory("transmission-download"));
            }
        }
    }
}
