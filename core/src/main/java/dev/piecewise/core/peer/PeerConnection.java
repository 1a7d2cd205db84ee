package dev.piecewise.core.peer;

import dev.piecewise.core.wire.BlockSource;
import dev.piecewise.core.wire.Message;
import dev.piecewise.core.wire.MessageHandler;
import dev.piecewise.core.wire.MessageReader;
import dev.piecewise.core.wire.MessageWriter;
import dev.piecewise.core.wire.ProtocolException;
import dev.piecewise.core.wire.WireBuffers;
import dev.piecewise.core.wire.WireLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One peer connection after the handshake, with its two virtual threads: the reader decodes messages and hands them
 * to the torrent's handler on its own thread; the writer drains this connection's {@link OutboundQueue}. Nothing is
 * ever written to the socket from another thread, so a slow peer only ever holds up its own writer.
 *
 * <p>Memory per connection: a read buffer and a send buffer from the {@link WireBuffers} (the read buffer a larger one
 * once the peer sends blocks), and the bounded outbound queue.
 */
public final class PeerConnection {

    private static final Logger log = LoggerFactory.getLogger(PeerConnection.class);

    /** What the connection tells its owner besides the messages. */
    public interface Events {
        /** A block went out (writer thread). */
        void blockSent(Message.Piece block);

        /** The connection ended; called once, on the reader thread, after the last message was handled. */
        void closed(String reason);
    }

    /** How a connection behaves. */
    public record Settings(int maxQueuedMessages, int maxQueuedUploads, Duration keepAlive) {
        /** Up to 4,096 queued control messages, 512 queued uploads, a keep-alive after 2 idle minutes. */
        public static final Settings DEFAULT = new Settings(4096, 512, Duration.ofMinutes(2));
    }

    private final Established established;
    private final WireBuffers buffers;
    private final OutboundQueue outbound;
    private final Settings settings;
    private final AtomicReference<String> closeReason = new AtomicReference<>();
    private volatile long lastReceivedNanos = System.nanoTime();

    public PeerConnection(Established established, WireBuffers buffers, Settings settings) {
        this.established = established;
        this.buffers = buffers;
        this.settings = settings;
        this.outbound = new OutboundQueue(settings.maxQueuedMessages(), settings.maxQueuedUploads());
    }

    public Established established() {
        return established;
    }

    /** Starts the reader and writer threads; messages go to {@code handler}, blocks to upload come from {@code source}. */
    public void start(WireLimits limits, MessageHandler handler, BlockSource source, Events events) {
        String name = established.address().toString();
        Thread.ofVirtual().name("peer-write " + name).start(() -> writeLoop(source, events));
        Thread.ofVirtual().name("peer-read " + name).start(() -> readLoop(limits, handler, events));
    }

    /** Queues a message; a peer whose queue is full is not reading and is dropped. */
    public void send(Message message) {
        if (!outbound.send(message) && isOpen()) {
            close("it does not read what we send (send queue full)");
        }
    }

    /** Queues a requested block; {@code false} when the peer already has the most uploads queued. */
    public boolean upload(Message.Piece block) {
        return outbound.upload(block);
    }

    /** Forgets a queued upload the peer cancelled. */
    public boolean cancelUpload(int piece, int begin, int length) {
        return outbound.cancelUpload(piece, begin, length);
    }

    /** Sends choke after dropping the queued uploads, which are returned (to reject with the fast extension). */
    public List<Message.Piece> choke() {
        return outbound.dropUploadsThenSend(Message.Simple.CHOKE);
    }

    public int pendingUploads() {
        return outbound.pendingUploads();
    }

    /** When the peer last sent anything, on {@link System#nanoTime()}'s clock. */
    public long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    public boolean isOpen() {
        return closeReason.get() == null;
    }

    /** Closes the connection (once; later reasons are ignored). Both threads end soon after. */
    public void close(String reason) {
        if (closeReason.compareAndSet(null, reason)) {
            log.debug("closing {}: {}", established.address(), reason);
            outbound.close();
            try {
                established.channel().close();
            } catch (IOException e) {
                log.debug("closing the socket of {} failed", established.address(), e);
            }
        }
    }

    private void readLoop(WireLimits limits, MessageHandler handler, PeerConnection.Events events) {
        try (var reader = new MessageReader(established.channel(), buffers, limits, established.fast(),
                established.extensionProtocol())) {
            while (isOpen()) {
                reader.read(handler);
                lastReceivedNanos = System.nanoTime();
            }
        } catch (ProtocolException e) {
            close("protocol violation: " + e.getMessage());
        } catch (AsynchronousCloseException e) {
            close("closed");
        } catch (IOException e) {
            close("connection lost: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("error handling a message from {}", established.address(), e);
            close("internal error: " + e);
        } finally {
            events.closed(closeReason.get());
        }
    }

    private void writeLoop(BlockSource source, Events events) {
        ByteBuffer sendBuffer = buffers.messages().acquire();
        try {
            var writer = new MessageWriter(established.channel(), sendBuffer);
            List<Message> batch = new ArrayList<>();
            long keepAliveNanos = settings.keepAlive().toNanos();
            while (outbound.take(batch, keepAliveNanos)) {
                if (batch.isEmpty()) {
                    batch.add(Message.Simple.KEEP_ALIVE);
                }
                for (Message message : batch) {
                    if (message instanceof Message.Piece block) {
                        writer.writePiece(block, source);
                        events.blockSent(block);
                    } else {
                        writer.write(message);
                    }
                }
                writer.flush();
                batch.clear();
            }
        } catch (AsynchronousCloseException e) {
            close("closed");
        } catch (IOException e) {
            close("connection lost while sending: " + e.getMessage());
        } catch (InterruptedException e) {
            close("interrupted");
        } catch (RuntimeException e) {
            log.warn("error sending to {}", established.address(), e);
            close("internal error: " + e);
        } finally {
            buffers.messages().release(sendBuffer);
        }
    }

    @Override
    public String toString() {
        return established.address() + (established.incoming() ? " (incoming)" : "");
    }
}
