package dev.piecewise.core.peer;

import dev.piecewise.api.InfoHash;
import dev.piecewise.core.wire.BlockSource;
import dev.piecewise.core.wire.WireBuffers;
import dev.piecewise.core.wire.Handshake;
import dev.piecewise.core.wire.Message;
import dev.piecewise.core.wire.PeerId;
import dev.piecewise.core.wire.RecordingHandler;
import dev.piecewise.core.wire.WireLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerConnectionTest {

    private static final WireLimits LIMITS = new WireLimits(4, 32768, 32768);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final WireBuffers pool = WireBuffers.create();
    private final byte[] data = new byte[4 * 32768];
    private final BlockSource source = (piece, begin, length, target) ->
            target.write(ByteBuffer.wrap(data, piece * 32768 + begin, length));
    private SocketChannel left;
    private SocketChannel right;

    PeerConnectionTest() throws IOException {
        new Random(1).nextBytes(data);
        try (var server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            left = SocketChannel.open(server.getLocalAddress());
            right = server.accept();
        }
    }

    @AfterEach
    void close() throws IOException {
        left.close();
        right.close();
    }

    private static Established established(SocketChannel channel, long reserved) throws IOException {
        return new Established(channel, (InetSocketAddress) channel.getRemoteAddress(), false,
                new Handshake(reserved, InfoHash.ofHex("00".repeat(20)), PeerId.generate(new Random(2))));
    }

    /** Events that record the close reason and the blocks sent. */
    private static final class Recorder implements PeerConnection.Events {
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final List<Message.Piece> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void blockSent(Message.Piece block) {
            sent.add(block);
        }

        @Override
        public void closed(String reason) {
            closed.complete(reason);
        }
    }

    @Test
    void messagesAndUploadedBlocksArriveInOrderWithControlMessagesFirst() throws Exception {
        var sender = new PeerConnection(established(left, Handshake.OUR_RESERVED), pool,
                PeerConnection.Settings.DEFAULT);
        var receiver = new PeerConnection(established(right, Handshake.OUR_RESERVED), pool,
                PeerConnection.Settings.DEFAULT);
        var received = new RecordingHandler();
        var senderEvents = new Recorder();
        receiver.start(LIMITS, received, source, new Recorder());
        sender.start(LIMITS, new RecordingHandler(), source, senderEvents);

        assertTrue(sender.upload(new Message.Piece(2, 16384, 16384)));
        sender.send(Message.Simple.UNCHOKE);
        sender.send(Message.PieceIndex.have(3));

        List<Object> got = received.await(3, WAIT);
        assertEquals(3, got.size(), got.toString());
        assertTrue(got.containsAll(List.of(Message.Simple.UNCHOKE, Message.PieceIndex.have(3))));
        var block = (RecordingHandler.Block) got.stream().filter(RecordingHandler.Block.class::isInstance)
                .findFirst().orElseThrow();
        assertEquals(new RecordingHandler.Block(2, 16384,
                java.util.Arrays.copyOfRange(data, 2 * 32768 + 16384, 3 * 32768)), block);
        assertEquals(List.of(new Message.Piece(2, 16384, 16384)), senderEvents.sent);
        sender.close("done");
        assertEquals("done", senderEvents.closed.get(5, TimeUnit.SECONDS));
    }

    @Test
    void anIdleConnectionSendsKeepAlives() throws Exception {
        var sender = new PeerConnection(established(left, 0), pool,
                new PeerConnection.Settings(16, 16, Duration.ofMillis(100)));
        var received = new RecordingHandler();
        new PeerConnection(established(right, 0), pool, PeerConnection.Settings.DEFAULT)
                .start(LIMITS, received, source, new Recorder());
        sender.start(LIMITS, new RecordingHandler(), source, new Recorder());

        List<Object> got = received.await(2, WAIT);
        assertEquals(List.of(Message.Simple.KEEP_ALIVE, Message.Simple.KEEP_ALIVE), got.subList(0, 2));
    }

    @Test
    void aProtocolViolationClosesTheConnectionWithTheReason() throws Exception {
        var receiver = new PeerConnection(established(right, 0), pool, PeerConnection.Settings.DEFAULT);
        var events = new Recorder();
        receiver.start(LIMITS, new RecordingHandler(), source, events);
        left.write(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).flip());

        String reason = events.closed.get(5, TimeUnit.SECONDS);
        assertTrue(reason.startsWith("protocol violation: message length"), reason);
        assertFalse(receiver.isOpen());
        assertEquals(-1, left.read(ByteBuffer.allocate(16)));
    }

    @Test
    void chokingDropsTheQueuedUploadsAndNoBlockFollowsTheChoke() throws Exception {
        var sender = new PeerConnection(established(left, Handshake.OUR_RESERVED), pool,
                PeerConnection.Settings.DEFAULT);
        // the writer is not started yet, so the uploads stay queued
        assertTrue(sender.upload(new Message.Piece(0, 0, 16384)));
        assertTrue(sender.upload(new Message.Piece(1, 0, 16384)));
        assertTrue(sender.cancelUpload(1, 0, 16384));
        assertFalse(sender.cancelUpload(1, 0, 16384));
        assertEquals(List.of(new Message.Piece(0, 0, 16384)), sender.choke());
        assertEquals(0, sender.pendingUploads());

        var received = new RecordingHandler();
        new PeerConnection(established(right, Handshake.OUR_RESERVED), pool, PeerConnection.Settings.DEFAULT)
                .start(LIMITS, received, source, new Recorder());
        sender.start(LIMITS, new RecordingHandler(), source, new Recorder());
        assertEquals(List.of(Message.Simple.CHOKE), received.await(1, WAIT));
    }

    @Test
    void aPeerThatStopsReadingIsDroppedWhenItsQueueOverflowsWithoutBlockingTheSender() throws Exception {
        var sender = new PeerConnection(established(left, 0), pool,
                new PeerConnection.Settings(8, 8, Duration.ofMinutes(2)));
        var events = new Recorder();
        var started = new CountDownLatch(1);
        // nobody reads on the right side, and the writer is never started: the queue fills
        Thread.ofVirtual().start(() -> {
            started.countDown();
            for (int i = 0; i < 100; i++) {
                sender.send(Message.PieceIndex.have(i % 4));
            }
        }).join(WAIT);
        assertTrue(started.await(1, TimeUnit.SECONDS));
        assertFalse(sender.isOpen());
        assertFalse(sender.upload(new Message.Piece(0, 0, 16384)));
        sender.start(LIMITS, new RecordingHandler(), source, events);
        assertTrue(events.closed.get(5, TimeUnit.SECONDS).contains("send queue full"));
    }
}
