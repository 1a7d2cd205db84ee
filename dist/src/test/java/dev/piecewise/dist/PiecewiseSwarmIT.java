package dev.piecewise.dist;

import dev.piecewise.testing.OpenTracker;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Piecewise to Piecewise: a seeder and two leechers, each its own client process, finding each other through a real
 * opentracker, with every built-in strategy and choking policy in turn.
 */
class PiecewiseSwarmIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0} with {1} over {2}")
    @CsvSource({
            "in-order, tit-for-tat, http",
            "random-first, unchoke-all, udp",
            "rarest-first, round-robin, http",
            "rarest-first+end-game, fastest-upload, udp",
            "in-order+end-game, propshare, http"})
    void aSeederAndTwoLeechersExchangeATorrent(String strategy, String choking, String transport, @TempDir Path root)
            throws Exception {
        Payload untracked = Payload.create(root, 5, 800_000, 128 * 1024);
        try (var tracker = OpenTracker.start(root.resolve("tracker"), List.of(untracked.infoHash()))) {
            URI announce = transport.equals("udp") ? tracker.udpAnnounce() : tracker.httpAnnounce();
            Payload payload = untracked.announcingTo(List.of(announce));
            try (var seeder = ProductClient.start(root.resolve("seeder"));
                 var first = ProductClient.start(root.resolve("first"));
                 var second = ProductClient.start(root.resolve("second"))) {
                seeder.add(payload.torrent(), payload.seedDirectory(), Optional.of(strategy), Optional.of(choking));
                assertTrue(seeder.awaitComplete(TIMEOUT), "the seeder did not find its data complete");
                for (var leecher : List.of(first, second)) {
                    leecher.add(payload.torrent(), root.resolve(leecher == first ? "first-download"
                            : "second-download"), Optional.of(strategy), Optional.of(choking));
                }
                for (var leecher : List.of(first, second)) {
                    assertTrue(leecher.awaitComplete(TIMEOUT), "a leecher did not finish: " + leecher.status()
                            + leecher.log());
                }
                payload.assertDownloadedTo(root.resolve("first-download"));
                payload.assertDownloadedTo(root.resolve("second-download"));
            }
        }
    }
}
