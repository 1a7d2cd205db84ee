package dev.piecewise.core.peer;

import dev.piecewise.api.PiecewiseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** The port peers connect to: accepts connections and hands each to its own virtual thread for the handshake. */
public final class ListenSocket implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ListenSocket.class);

    private final ServerSocketChannel server;
    private final Thread acceptor;

    private ListenSocket(ServerSocketChannel server, Handshaker handshaker, Handshaker.Router router) {
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("peer-accept").start(() -> acceptLoop(handshaker, router));
    }

    /**
     * Listens on {@code address}:{@code port} (port 0: any free port).
     *
     * @throws PiecewiseException when the port cannot be opened (taken, not allowed)
     */
    public static ListenSocket open(InetAddress address, int port, Handshaker handshaker, Handshaker.Router router) {
        try {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(address, port), 128);
            return new ListenSocket(server, handshaker, router);
        } catch (IOException e) {
            throw new PiecewiseException("cannot listen for peers on " + address.getHostAddress() + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    }

    private void acceptLoop(Handshaker handshaker, Handshaker.Router router) {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                Thread.ofVirtual().name("peer-handshake").start(() -> handshaker.accept(channel, router));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // accept fails for one connection (reset before accept, too many open files): keep listening
                log.warn("accepting a peer connection failed: {}", e.getMessage());
                pauseAfterFailure();
            }
        }
    }

    private static void pauseAfterFailure() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(java.time.Duration.ofSeconds(5));
        } catch (IOException e) {
            log.warn("closing the listen socket failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
