package dev.piecewise.core.peer;

import dev.piecewise.api.InfoHash;
import dev.piecewise.core.wire.Handshake;
import dev.piecewise.core.wire.PeerId;
import dev.piecewise.core.wire.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens connections and performs handshakes, each within a deadline: a peer that connects and then sends its
 * handshake a byte a second, or never, has its socket closed when the deadline passes.
 */
public final class Handshaker {

    private static final Logger log = LoggerFactory.getLogger(Handshaker.class);

    /** Where accepted connections go once the peer named the torrent it wants. */
    public interface Router {
        /** Whether a torrent with this info-hash exists and takes another connection from {@code from}. */
        boolean wants(InfoHash infoHash, InetSocketAddress from);

        /** Hands over a connection whose handshake is complete; the receiver owns it from now on. */
        void attach(InfoHash infoHash, Established connection);
    }

    private final PeerId ourId;
    private final InetAddress bindAddress;
    private final ScheduledExecutorService timer;
    private final Duration timeout;

    /**
     * @param bindAddress the local address outgoing connections are made from (a wildcard address for any)
     * @param timer       closes sockets whose deadline passed
     * @param timeout     for connecting, and again for the handshake
     */
    public Handshaker(PeerId ourId, InetAddress bindAddress, ScheduledExecutorService timer, Duration timeout) {
        this.ourId = ourId;
        this.bindAddress = bindAddress;
        this.timer = timer;
        this.timeout = timeout;
    }

    public PeerId ourId() {
        return ourId;
    }

    /**
     * Dials {@code address} and exchanges handshakes for {@code infoHash}.
     *
     * @throws ConnectedToSelfException when the address is our own
     * @throws IOException              when the peer cannot be reached, is too slow, or answers badly
     */
    public Established connect(InetSocketAddress address, InfoHash infoHash) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            if (!bindAddress.isAnyLocalAddress()) {
                channel.bind(new InetSocketAddress(bindAddress, 0));
            }
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(address, Math.toIntExact(timeout.toMillis()));
            ScheduledFuture<?> deadline = closeAfterTimeout(channel);
            try {
                channel.write(ours(infoHash).encode());
                Handshake.Start start = Handshake.readStart(channel);
                if (!start.infoHash().equals(infoHash)) {
                    throw new ProtocolException("the peer answered for another torrent");
                }
                PeerId theirs = Handshake.readPeerId(channel);
                checkNotSelf(theirs);
                return new Established(channel, address, false, new Handshake(start.reserved(), infoHash, theirs));
            } finally {
                deadline.cancel(false);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Performs the handshake of a connection a peer opened to us and hands it to the torrent it wants. Closes the
     * connection when no torrent wants it, the peer is ourselves, or the handshake fails or is too slow.
     */
    public void accept(SocketChannel channel, Router router) {
        InetSocketAddress from;
        try {
            from = (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            closeQuietly(channel);
            return;
        }
        ScheduledFuture<?> deadline = closeAfterTimeout(channel);
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Handshake.Start start = Handshake.readStart(channel);
            if (!router.wants(start.infoHash(), from)) {
                log.debug("refused {}: no torrent {} or no room for it", from, start.infoHash());
                closeQuietly(channel);
                return;
            }
            channel.write(ours(start.infoHash()).encode());
            PeerId theirs = Handshake.readPeerId(channel);
            checkNotSelf(theirs);
            deadline.cancel(false);
            router.attach(start.infoHash(), new Established(channel, from, true,
                    new Handshake(start.reserved(), start.infoHash(), theirs)));
        } catch (IOException e) {
            log.debug("incoming handshake from {} failed: {}", from, e.getMessage());
            closeQuietly(channel);
        } finally {
            deadline.cancel(false);
        }
    }

    private Handshake ours(InfoHash infoHash) {
        return new Handshake(Handshake.OUR_RESERVED, infoHash, ourId);
    }

    private void checkNotSelf(PeerId theirs) throws ConnectedToSelfException {
        if (theirs.equals(ourId)) {
            throw new ConnectedToSelfException();
        }
    }

    private ScheduledFuture<?> closeAfterTimeout(SocketChannel channel) {
        return timer.schedule(() -> closeQuietly(channel), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing a socket failed", e);
        }
    }
}
