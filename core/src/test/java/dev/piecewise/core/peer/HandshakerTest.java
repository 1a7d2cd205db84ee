package dev.piecewise.core.peer;

import dev.piecewise.api.InfoHash;
import dev.piecewise.core.wire.Handshake;
import dev.piecewise.core.wire.PeerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final InfoHash TORRENT = InfoHash.ofHex("00112233445566778899aabbccddeeff00112233");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<Established> attached = new LinkedBlockingQueue<>();
    private final Handshaker.Router router = new Handshaker.Router() {
        @Override
        public boolean wants(InfoHash infoHash, InetSocketAddress from) {
            return infoHash.equals(TORRENT);
        }

        @Override
        public void attach(InfoHash infoHash, Established connection) {
            attached.add(connection);
        }
    };
    private final Handshaker server = handshaker(1, Duration.ofSeconds(5));
    private final ListenSocket listen = ListenSocket.open(LOOPBACK, 0, server, router);

    private Handshaker handshaker(long seed, Duration timeout) {
        return new Handshaker(PeerId.generate(new Random(seed)), LOOPBACK, timer, timeout);
    }

    private InetSocketAddress listenAddress() {
        return new InetSocketAddress(LOOPBACK, listen.port());
    }

    @AfterEach
    void close() throws IOException {
        listen.close();
        timer.shutdownNow();
        for (Established e : attached) {
            e.channel().close();
        }
    }

    @Test
    void bothSidesLearnEachOthersIdAndExtensions() throws Exception {
        Handshaker client = handshaker(2, Duration.ofSeconds(5));
        Established outgoing = client.connect(listenAddress(), TORRENT);
        Established incoming = attached.poll(5, TimeUnit.SECONDS);

        assertEquals(server.ourId(), outgoing.remote().peerId());
        assertEquals(client.ourId(), incoming.remote().peerId());
        assertTrue(outgoing.fast() && outgoing.extensionProtocol());
        assertTrue(incoming.fast() && incoming.extensionProtocol());
        assertTrue(incoming.incoming());
        assertEquals(listenAddress(), outgoing.address());
        assertEquals(outgoing.channel().getLocalAddress(), incoming.address());
        outgoing.channel().close();
    }

    @Test
    void aConnectionToOurselvesIsRecognisedOnBothSides() throws Exception {
        assertThrows(ConnectedToSelfException.class, () -> server.connect(listenAddress(), TORRENT));
        assertNull(attached.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void aTorrentWeDoNotHaveIsRefused() {
        Handshaker client = handshaker(3, Duration.ofSeconds(5));
        InfoHash other = InfoHash.ofHex("ffffffffffffffffffffffffffffffffffffffff");
        assertThrows(IOException.class, () -> client.connect(listenAddress(), other));
    }

    @Test
    void aHandshakeSentOneByteAtATimeTooSlowlyIsCutOffAtTheDeadline() throws Exception {
        try (var slowServer = ListenSocket.open(LOOPBACK, 0, handshaker(4, Duration.ofMillis(300)), router);
             var slow = SocketChannel.open(new InetSocketAddress(LOOPBACK, slowServer.port()))) {
            ByteBuffer handshake = new Handshake(0, TORRENT, PeerId.generate(new Random(5))).encode();
            long start = System.nanoTime();
            int written = 0;
            try {
                while (handshake.hasRemaining() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
                    written += slow.write(handshake.slice(handshake.position(), 1));
                    handshake.position(handshake.position() + 1);
                    Thread.sleep(50);
                }
                // the server closed: reading gives end of stream (or a reset)
                assertEquals(-1, slow.read(ByteBuffer.allocate(100)));
            } catch (IOException expected) {
                // connection reset by the closing server: also a cut-off
            }
            assertTrue(written < Handshake.LENGTH, "the deadline passed before the slow handshake ended");
            assertNull(attached.poll(100, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aPeerThatNeverAnswersTimesOut() throws Exception {
        try (var silent = java.nio.channels.ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            Handshaker client = handshaker(6, Duration.ofMillis(300));
            long start = System.nanoTime();
            assertThrows(IOException.class,
                    () -> client.connect((InetSocketAddress) silent.getLocalAddress(), TORRENT));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
        }
    }
}
