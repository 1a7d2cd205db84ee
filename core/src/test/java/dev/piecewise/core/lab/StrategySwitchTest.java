package dev.piecewise.core.lab;

import dev.piecewise.api.TorrentStatus;
import dev.piecewise.core.compare.FixturePlugins;
import dev.piecewise.core.plugin.DefaultSelections;
import dev.piecewise.core.plugin.PluginRegistry;
import dev.piecewise.spi.tracker.TrackerTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Switching a running torrent's strategy through the API half way through a download, between real engines on
 * 127.0.0.1 (a seed whose upload cap stretches the download over seconds): the download finishes byte-identical and
 * nothing already requested is lost or times out.
 */
class StrategySwitchTest {

    private static final Function<String, Optional<TrackerTransport>> NO_TRACKERS = scheme -> Optional.empty();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void switchingStrategyHalfWayLosesNoRequestAndEndsByteIdentical(@TempDir Path temp) throws Exception {
        Path plugins = FixturePlugins.build(temp.resolve("fixture"));
        ModuleLayer layer = Optional.ofNullable(PluginRegistry.class.getModule().getLayer())
                .orElse(ModuleLayer.boot());
        try (PluginRegistry registry = PluginRegistry.open(plugins, temp.resolve("copies"), layer)) {
            var selections = new DefaultSelections(registry, temp.resolve("defaults.properties"));
            LabPayload payload = LabPayload.create(temp.resolve("payload"), "switch.bin", 64 * 32 * 1024, 32 * 1024,
                    List.of(), 7);
            LabPeer seed = LabPeer.start(0, "seed", true, 512 * 1024, false, 0, LOOPBACK,
                    temp.resolve("seed"),
                    payload.torrentFile(), payload.directory(), "lowest-first", "unchoke-interested", Map.of(),
                    selections, NO_TRACKERS);
            LabPeer leecher = null;
            try {
                awaitPieces(seed, 64, Duration.ofSeconds(20));
                leecher = LabPeer.start(1, "leecher", false, 0, false, 0, LOOPBACK,
                        temp.resolve("leecher"),
                        payload.torrentFile(), temp.resolve("downloads"), "lowest-first", "unchoke-interested",
                        Map.of(), selections, NO_TRACKERS);
                leecher.connect(seed.address());
                awaitPieces(leecher, 24, Duration.ofSeconds(20));

                var switched = leecher.torrent().setStrategy("rare", Map.of());
                int verifiedAtSwitch = leecher.torrent().status().piecesVerified();

                assertEquals("rarest", switched.spec());
                assertTrue(verifiedAtSwitch < 48, "the switch came half way, not at the end: " + verifiedAtSwitch);
                assertTrue(leecher.torrent().awaitCompletion(Duration.ofSeconds(30)), "the download completes");
                TorrentStatus status = leecher.torrent().status();
                assertEquals("rarest", status.strategy().spec());
                assertEquals(0, status.metrics().requestTimeouts(), "no request timed out");
                assertEquals(0, status.metrics().duplicateBytes() + status.metrics().wastedBytes(),
                        "no block came twice or went to waste");
                assertEquals(payload.metainfo().totalLength(), status.downloaded(), "every byte came exactly once");
                assertArrayEquals(Files.readAllBytes(payload.directory().resolve("switch.bin")),
                        Files.readAllBytes(temp.resolve("downloads").resolve("switch.bin")));
            } finally {
                seed.leave(0);
                if (leecher != null) {
                    leecher.leave(0);
                }
            }
        }
    }

    private static void awaitPieces(LabPeer peer, int pieces, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (peer.torrent().status().piecesVerified() < pieces) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + peer.torrent().status().piecesVerified() + " of " + pieces
                        + " pieces after " + timeout);
            }
            Thread.sleep(10);
        }
    }
}
