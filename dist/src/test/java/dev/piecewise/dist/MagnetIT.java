package dev.piecewise.dist;

import dev.piecewise.testing.OpenTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Magnet links and peer exchange between Piecewise clients as users run them, each in its own process. */
class MagnetIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aPiecewiseSeederServesTheMetadataToAPiecewiseMagnetDownload(@TempDir Path root) throws Exception {
        Payload payload = Payload.create(root, 4, 900_000, 64 * 1024);
        try (var seeder = ProductClient.start(root.resolve("seeder"));
             var leecher = ProductClient.start(root.resolve("leecher"))) {
            seeder.add(payload.torrent(), payload.seedDirectory(), Optional.empty(), Optional.empty());
            assertTrue(seeder.awaitComplete(TIMEOUT), "the seeder did not find its data complete");
            String magnet = "magnet:?xt=urn:btih:" + payload.infoHash().hex() + "&dn=payload&x.pe=127.0.0.1:"
                    + seeder.address().getPort();
            leecher.add(magnet, root.resolve("download"), Optional.empty(), Optional.empty());
            assertTrue(leecher.awaitComplete(TIMEOUT), "the magnet download did not finish: " + leecher.status()
                    + leecher.log());
            payload.assertDownloadedTo(root.resolve("download"));
        }
    }

    /**
     * Three clients where one knows the two others from the trackers and they know only it: b and c announce to
     * trackers of their own, the hub to both. None has data, so no connection ends because two seeds met.
     */
    @Test
    void twoClientsThatOnlyTheHubKnowsFindEachOtherThroughPeerExchange(@TempDir Path root) throws Exception {
        Payload payload = Payload.create(root, 2, 500_000, 64 * 1024);
        try (var trackerB = OpenTracker.start(root.resolve("tracker-b"), List.of(payload.infoHash()));
             var trackerC = OpenTracker.start(root.resolve("tracker-c"), List.of(payload.infoHash()));
             var b = ProductClient.start(root.resolve("b"));
             var c = ProductClient.start(root.resolve("c"));
             var hub = ProductClient.start(root.resolve("hub"))) {
            URI announceB = trackerB.httpAnnounce();
            URI announceC = trackerC.udpAnnounce();
            b.add(payload.announcingTo(List.of(announceB), "b.torrent").torrent(), root.resolve("b-download"),
                    Optional.empty(), Optional.empty());
            c.add(payload.announcingTo(List.of(announceC), "c.torrent").torrent(), root.resolve("c-download"),
                    Optional.empty(), Optional.empty());
            assertFalse(b.awaitConnected(Duration.ofSeconds(2)), "b and c do not know each other from the trackers");
            assertTrue(c.peers().isEmpty());
            hub.add(payload.announcingTo(List.of(announceB, announceC), "hub.torrent").torrent(),
                    root.resolve("hub-download"), Optional.empty(), Optional.empty());

            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<String> peersOfB = b.peers();
            List<String> peersOfC = c.peers();
            while (System.nanoTime() < deadline && (peersOfB.size() < 2 || peersOfC.size() < 2)) {
                Thread.sleep(200);
                peersOfB = b.peers();
                peersOfC = c.peers();
            }
            List<String> seen = Stream.concat(peersOfB.stream(), peersOfC.stream()).toList();
            assertTrue(peersOfB.size() == 2 && peersOfC.size() == 2, "b: " + peersOfB + ", c: " + peersOfC);
            assertTrue(seen.stream().anyMatch(peer -> peer.endsWith("/pex")), "b and c met through PEX: " + seen);
            assertTrue(hub.peers().stream().allMatch(peer -> peer.endsWith("/tracker")), "the hub met both through "
                    + "the trackers");
        }
    }
}
