package dev.piecewise.core.engine;

import dev.piecewise.api.MetadataProgress;
import dev.piecewise.api.TorrentState;
import dev.piecewise.core.metadata.MetadataMessage;
import dev.piecewise.testing.RealClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A magnet torrent fetching its metadata from real peers on 127.0.0.1: Piecewise, libtorrent, aria2, and liars. */
class MetadataFetchTest {

    /** 1,024 pieces of 16 KiB: an info dictionary of about 20 KiB, two metadata pieces. */
    private static Swarm swarm(Path root) throws Exception {
        return new Swarm(root, 2, 8 << 20, 16 * 1024);
    }

    @Test
    void fetchesTheMetadataFromAPiecewiseSeeder(@TempDir Path root) throws Exception {
        try (var swarm = swarm(root)) {
            assertTrue(MetadataMessage.pieceCount(swarm.metainfo.infoBytes().length) > 1, "several metadata pieces");
            Torrent seeder = swarm.seeder();
            Swarm.awaitRunning(seeder);
            var metadata = new CompletableFuture<byte[]>();
            MetadataFetch fetch = swarm.fetcher(metadata);
            assertEquals(TorrentState.FETCHING_METADATA, fetch.state());

            fetch.connect(swarm.address(seeder));

            assertArrayEquals(swarm.metainfo.infoBytes(), metadata.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void liarsAreFoundOutAndTheMetadataComesFromTheHonestPeer(@TempDir Path root) throws Exception {
        try (var swarm = swarm(root);
             var corrupt = peer(swarm, MetadataPeer.Behaviour.CORRUPT);
             var rejecting = peer(swarm, MetadataPeer.Behaviour.REJECT);
             var oversized = peer(swarm, MetadataPeer.Behaviour.OVERSIZED)) {
            var metadata = new CompletableFuture<byte[]>();
            MetadataFetch fetch = swarm.fetcher(metadata);
            for (var liar : List.of(corrupt, rejecting, oversized)) {
                fetch.connect(liar.address());
            }
            awaitTried(fetch, corrupt.address(), state -> state.contains("distrusted: the metadata it sent does "
                    + "not match the info-hash"));
            awaitTried(fetch, rejecting.address(), state -> state.startsWith("rejecting"));
            awaitTried(fetch, oversized.address(), state -> state.contains("beyond the"));
            assertFalse(metadata.isDone(), "nothing is trusted from liars");
            assertEquals(0, oversized.requests(), "oversized metadata is never asked for");
            assertTrue(fetch.peers().stream().noneMatch(p -> p.address().equals(corrupt.address())),
                    "the peer that sent bad metadata is dropped");
            assertEquals(TorrentState.FETCHING_METADATA, fetch.state(), "and the fetch waits for other peers");

            Torrent seeder = swarm.seeder();
            Swarm.awaitRunning(seeder);
            fetch.connect(swarm.address(seeder));
            assertArrayEquals(swarm.metainfo.infoBytes(), metadata.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aPeerOfferingAnotherSizeIsFoundOutByTheHash(@TempDir Path root) throws Exception {
        try (var swarm = swarm(root); var wrongSize = peer(swarm, MetadataPeer.Behaviour.WRONG_SIZE)) {
            var metadata = new CompletableFuture<byte[]>();
            MetadataFetch fetch = swarm.fetcher(metadata);
            fetch.connect(wrongSize.address());
            awaitTried(fetch, wrongSize.address(), state -> state.startsWith("distrusted"));
            assertFalse(metadata.isDone());
        }
    }

    @Test
    void fetchesTheMetadataFromALibtorrentSeeder(@TempDir Path root) throws Exception {
        try (var swarm = swarm(root);
             var libtorrent = RealClient.libtorrentSeeder(swarm.torrentFile, swarm.source.getParent(),
                     root.resolve("libtorrent"))) {
            var metadata = new CompletableFuture<byte[]>();
            swarm.fetcher(metadata).connect(libtorrent.address());
            assertArrayEquals(swarm.metainfo.infoBytes(), metadata.get(20, TimeUnit.SECONDS), libtorrent::log);
        }
    }

    @Test
    void fetchesTheMetadataFromAnAria2Seeder(@TempDir Path root) throws Exception {
        try (var swarm = swarm(root);
             var aria2 = RealClient.aria2Seeder(swarm.torrentFile, swarm.source.getParent(), root.resolve("aria2"))) {
            var metadata = new CompletableFuture<byte[]>();
            swarm.fetcher(metadata).connect(aria2.address());
            assertArrayEquals(swarm.metainfo.infoBytes(), metadata.get(20, TimeUnit.SECONDS), aria2::log);
        }
    }

    private static MetadataPeer peer(Swarm swarm, MetadataPeer.Behaviour behaviour) throws Exception {
        return new MetadataPeer(swarm.metainfo.infoHash(), swarm.metainfo.infoBytes(), behaviour);
    }

    /** Waits (at most 10 s) until the fetch shows {@code peer} among the peers tried in a state that matches. */
    private static void awaitTried(MetadataFetch fetch, InetSocketAddress peer, Predicate<String> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String last = "(not tried)";
        while (System.nanoTime() < deadline) {
            MetadataProgress progress = fetch.status(null, null).metadata().orElseThrow();
            for (var tried : progress.peers()) {
                if (tried.address().equals(peer)) {
                    last = tried.state();
                }
            }
            if (expected.test(last)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(peer + " is shown as \"" + last + "\"");
    }
}
