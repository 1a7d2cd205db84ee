package dev.piecewise.core.engine;

import dev.piecewise.api.InfoHash;
import dev.piecewise.core.wire.Handshake;
import dev.piecewise.core.wire.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers that misbehave on purpose, each dropped (or banned) while the engine's other peers carry on: the first half
 * attack a seeder, the second half a leecher that dialled them.
 */
class HostilePeerTest {

    private static final Duration DROP = Duration.ofSeconds(5);
    private static final long FAST = Handshake.OUR_RESERVED;

    @TempDir
    Path root;
    private Swarm swarm;
    private Torrent seeder;
    private int pieces;

    @BeforeEach
    void startSeeder() throws Exception {
        swarm = new Swarm(root, 2, 200_000, 32 * 1024);
        seeder = swarm.seeder();
        Swarm.awaitRunning(seeder);
        pieces = swarm.metainfo.pieceCount();
    }

    @AfterEach
    void stop() {
        swarm.close();
    }

    private ScriptedPeer attacker(long reserved) throws IOException {
        return ScriptedPeer.dial(swarm.address(seeder), swarm.metainfo.infoHash(), reserved);
    }

    /** A good leecher still downloads everything from the seeder that was attacked. */
    private void assertSeederStillServes(String name) throws Exception {
        Torrent leecher = swarm.leecher(name);
        Swarm.awaitRunning(leecher);
        leecher.connect(swarm.address(seeder));
        assertTrue(leecher.awaitCompletion(Duration.ofSeconds(30)));
        swarm.assertSameAsSource(swarm.directory(name));
    }

    @Test
    void aLengthPrefixOf2To31IsDroppedAtOnce() throws Exception {
        try (var peer = attacker(FAST)) {
            peer.sendRaw(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
            assertTrue(peer.closedWithin(DROP));
        }
        assertSeederStillServes("after-length");
    }

    @Test
    void badBitfieldsAndIndexesAreDropped() throws Exception {
        int bitfieldBytes = (pieces + 7) / 8;
        assertTrue(pieces % 8 != 0, "the test needs spare bits");
        List<Message> attacks = List.of(
                new Message.Bitfield(new byte[bitfieldBytes + 1]),
                new Message.Bitfield(filled(bitfieldBytes)),
                Message.PieceIndex.have(pieces),
                Message.PieceIndex.have(-1),
                Message.BlockRef.request(pieces, 0, 16384),
                Message.BlockRef.request(0, 0, 32 * 1024),
                Message.BlockRef.request(pieces - 1, 0, 1 << 20));
        for (Message attack : attacks) {
            try (var peer = attacker(FAST)) {
                peer.send(attack);
                assertTrue(peer.closedWithin(DROP), attack + " was not dropped");
            }
        }
        assertSeederStillServes("after-bad-messages");
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) 0xff);
        return bytes;
    }

    @Test
    void fastExtensionMessagesFromAPeerWithoutItAreDropped() throws Exception {
        try (var peer = attacker(Handshake.EXTENSION_PROTOCOL)) {
            peer.send(Message.Simple.HAVE_ALL);
            assertTrue(peer.closedWithin(DROP));
        }
    }

    @Test
    void requestsWhileChokedAreRejectedAndAFloodOfThemIsDropped() throws Exception {
        try (var peer = attacker(FAST)) {
            // not interested, so the seeder keeps it choked
            for (int i = 0; i < 3; i++) {
                peer.send(Message.BlockRef.request(i, 0, 16384));
            }
            for (int i = 0; i < 3; i++) {
                ScriptedPeer.Received reject = peer.readUntil(Message.REJECT);
                assertEquals(i, reject.intAt(0));
            }
            assertTrue(peer.stillOpenAfter(Duration.ofMillis(300)), "a few requests racing a choke are fine");
        }
        try (var peer = attacker(FAST)) {
            flood(peer, pieces);
            assertTrue(peer.closedWithin(DROP), "ten thousand refused requests");
        }
        assertSeederStillServes("after-flood");
    }

    @Test
    void aHandshakeForAnotherTorrentIsRefused() {
        InfoHash other = InfoHash.ofHex("ab".repeat(20));
        assertThrows(IOException.class, () -> ScriptedPeer.dial(swarm.address(seeder), other, FAST));
    }

    @Test
    void aThousandConnectionsAtOnceLeaveTheSeederServing() throws Exception {
        var sockets = new ArrayList<Socket>();
        try {
            InetSocketAddress address = swarm.address(seeder);
            byte[] handshake = new Handshake(FAST, swarm.metainfo.infoHash(),
                    dev.piecewise.core.wire.PeerId.generate(new java.util.Random(1))).encode().array();
            for (int i = 0; i < 1000; i++) {
                var socket = new Socket(address.getAddress(), address.getPort());
                // half send a handshake and stay, half say nothing
                if (i % 2 == 0) {
                    socket.getOutputStream().write(handshake);
                }
                sockets.add(socket);
            }
            assertSeederStillServes("among-a-thousand");
            assertTrue(seeder.peers().size() <= EngineSettings.DEFAULT.maxPeersPerTorrent());
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aGoodLeecherDownloadsAsFastWhileTheSeederIsUnderEveryAttackAtOnce(@TempDir Path big) throws Exception {
        try (var large = new Swarm(big, 4, 2_000_000, 32 * 1024)) {
            Torrent bigSeeder = large.seeder();
            Swarm.awaitRunning(bigSeeder);
            timedDownload(large, bigSeeder, "warm-up");               // the JIT compiles the data path first
            double quiet = timedDownload(large, bigSeeder, "quiet");
            InetSocketAddress address = large.address(bigSeeder);
            var sockets = new ArrayList<Socket>();
            var dribblers = new ArrayList<Thread>();
            long heapBefore = usedHeap();
            try {
                byte[] handshake = new Handshake(FAST, large.metainfo.infoHash(),
                        dev.piecewise.core.wire.PeerId.generate(new java.util.Random(2))).encode().array();
                for (int i = 0; i < 200; i++) {                         // connections that say nothing
                    sockets.add(new Socket(address.getAddress(), address.getPort()));
                }
                for (int i = 0; i < 20; i++) {                          // handshakes one byte a second
                    var socket = new Socket(address.getAddress(), address.getPort());
                    sockets.add(socket);
                    dribblers.add(Thread.ofVirtual().start(() -> {
                        try {
                            for (byte b : handshake) {
                                socket.getOutputStream().write(b);
                                Thread.sleep(1_000);
                            }
                        } catch (IOException | InterruptedException dropped) {
                            // cut off at the handshake deadline, as it should be
                        }
                    }));
                }
                var flooders = new ArrayList<ScriptedPeer>();
                for (int f = 0; f < 5; f++) {                            // ten thousand requests each
                    var peer = ScriptedPeer.dial(address, large.metainfo.infoHash(), FAST);
                    flooders.add(peer);
                    flood(peer, large.metainfo.pieceCount());
                }
                long heapDuring = usedHeap();
                double attacked = timedDownload(large, bigSeeder, "attacked");
                for (ScriptedPeer flooder : flooders) {
                    assertTrue(flooder.closedWithin(DROP), "each flood is dropped");
                    flooder.close();
                }
                System.out.printf("a good leecher, %.1f MiB from one seeder: %.2f s quiet, %.2f s while 200 silent"
                        + " connections, 20 handshakes at a byte a second and 5 floods of 10,000 requests hit the"
                        + " seeder; heap in use %d KiB before the attack, %d KiB during it%n",
                        large.metainfo.totalLength() / 1048576.0, quiet, attacked, heapBefore / 1024,
                        heapDuring / 1024);
                assertTrue(bigSeeder.peers().size() <= EngineSettings.DEFAULT.maxPeersPerTorrent());
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
                for (Thread dribbler : dribblers) {
                    dribbler.interrupt();
                }
            }
        }
    }

    /** Sends ten thousand requests at once; the peer may be dropped before they are all written. */
    private static void flood(ScriptedPeer peer, int pieces) {
        byte[] flood = new byte[10_000 * 17];
        ByteBuffer buffer = ByteBuffer.wrap(flood);
        for (int i = 0; i < 10_000; i++) {
            Message.BlockRef.request(i % pieces, 0, 16384).encode(buffer);
        }
        try {
            peer.sendRaw(flood);
        } catch (IOException dropped) {
            // reset by the other side before the flood was all written: the drop the tests expect
        }
    }

    /** A fresh leecher downloads everything from {@code from}; returns the seconds it took. */
    private static double timedDownload(Swarm swarm, Torrent from, String name) throws Exception {
        Torrent leecher = swarm.leecher(name);
        Swarm.awaitRunning(leecher);
        long start = System.nanoTime();
        leecher.connect(swarm.address(from));
        assertTrue(leecher.awaitCompletion(Duration.ofSeconds(60)), name);
        double seconds = (System.nanoTime() - start) / 1e9;
        swarm.assertSameAsSource(swarm.directory(name));
        return seconds;
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    // ---- attacks on a leecher: it dials the hostile "seeder" --------------------------------------------------

    private record Hostile(ServerSocket server, Torrent leecher) {
    }

    private Hostile leecherDialling(String name) throws Exception {
        var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Torrent leecher = swarm.leecher(name);
        Swarm.awaitRunning(leecher);
        leecher.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
        return new Hostile(server, leecher);
    }

    @Test
    void aBlockNeverAskedForIsDropped() throws Exception {
        Hostile hostile = leecherDialling("unasked");
        try (var server = hostile.server(); var peer = ScriptedPeer.accept(server, swarm.metainfo.infoHash(), FAST)) {
            peer.send(Message.Simple.HAVE_ALL); // but never unchokes, so nothing is asked for
            peer.sendBlock(0, 0, new byte[16384]);
            assertTrue(peer.closedWithin(DROP));
        }
        assertEquals(0, hostile.leecher().verifiedPieces().cardinality());
    }

    @Test
    void aBlockOfTheWrongLengthIsDropped() throws Exception {
        Hostile hostile = leecherDialling("short-block");
        try (var server = hostile.server(); var peer = ScriptedPeer.accept(server, swarm.metainfo.infoHash(), FAST)) {
            peer.send(Message.Simple.HAVE_ALL, Message.Simple.UNCHOKE);
            ScriptedPeer.Received request = peer.readUntil(Message.REQUEST);
            peer.sendBlock(request.intAt(0), request.intAt(4), new byte[100]);
            assertTrue(peer.closedWithin(DROP));
        }
    }

    @Test
    void aPeerSendingDataThatFailsTheHashAgainAndAgainIsBannedAndTheDownloadCompletesElsewhere() throws Exception {
        Hostile hostile = leecherDialling("bad-data");
        try (var server = hostile.server(); var peer = ScriptedPeer.accept(server, swarm.metainfo.infoHash(), FAST)) {
            peer.send(Message.Simple.HAVE_ALL, Message.Simple.UNCHOKE);
            boolean banned = false;
            try {
                for (int served = 0; served < 1000; served++) {
                    ScriptedPeer.Received request = peer.readUntil(Message.REQUEST);
                    peer.sendBlock(request.intAt(0), request.intAt(4), new byte[request.intAt(8)]);
                }
            } catch (IOException closed) {
                banned = true;
            }
            assertTrue(banned, "the leecher kept asking a peer whose data fails the hash check");
            assertTrue(hostile.leecher().status(null, null).metrics().hashFailures() >= 2);

            hostile.leecher().connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    server.getLocalPort()));
            server.setSoTimeout(1000);
            assertThrows(java.net.SocketTimeoutException.class, server::accept, "a banned peer is not dialled");
        }
        hostile.leecher().connect(swarm.address(seeder));
        assertTrue(hostile.leecher().awaitCompletion(Duration.ofSeconds(30)));
        swarm.assertSameAsSource(swarm.directory("bad-data"));
        assertFalse(hostile.leecher().peers().stream().anyMatch(p -> p.address().getPort()
                == hostile.server().getLocalPort()));
    }
}
