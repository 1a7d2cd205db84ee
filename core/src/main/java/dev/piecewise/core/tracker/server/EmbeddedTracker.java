package dev.piecewise.core.tracker.server;

import com.sun.net.httpserver.HttpServer;
import dev.piecewise.api.TrackerServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real tracker inside the client: HTTP and UDP on the same port, one set of swarms behind both. See
 * {@link HttpEndpoint} and {@link UdpEndpoint} for what each protocol answers.
 */
public final class EmbeddedTracker implements TrackerServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTracker.class);
    /** Port 0 lets the system pick for TCP; that port may be taken for UDP, so a few are tried. */
    private static final int PICK_ATTEMPTS = 20;

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final UdpEndpoint udp;
    private final InetSocketAddress address;
    private final AtomicBoolean running = new AtomicBoolean(true);

    private EmbeddedTracker(HttpServer http, ExecutorService httpThreads, UdpEndpoint udp,
                            InetSocketAddress address) {
        this.http = http;
        this.httpThreads = httpThreads;
        this.udp = udp;
        this.address = address;
    }

    /**
     * Starts a tracker.
     *
     * @param bind the address to listen on (the engine's default is 127.0.0.1)
     * @param port the port for TCP and UDP; 0 picks one free for both
     * @throws IOException when the port is taken, for TCP or UDP (the message says which)
     */
    public static EmbeddedTracker start(InetAddress bind, int port, EmbeddedTrackerSettings settings, Clock clock)
            throws IOException {
        var swarms = new Swarms(clock, new Random(), settings.peerTimeout());
        var connectionIds = new UdpConnectionIds(clock);
        for (int attempt = 1; ; attempt++) {
            HttpServer http = bindHttp(bind, port);
            int bound = http.getAddress().getPort();
            DatagramChannel channel;
            try {
                channel = DatagramChannel.open().bind(new InetSocketAddress(bind, bound));
            } catch (IOException e) {
                http.stop(0);
                if (port == 0 && e instanceof BindException && attempt < PICK_ATTEMPTS) {
                    continue;
                }
                throw new IOException("UDP port " + bound + " of " + bind.getHostAddress() + " is taken: "
                        + e.getMessage(), e);
            }
            ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(threads);
            var handler = new HttpEndpoint(swarms, settings);
            http.createContext("/", handler);
            var udp = new UdpEndpoint(channel, swarms, settings, connectionIds);
            http.start();
            udp.start();
            var tracker = new EmbeddedTracker(http, threads, udp, new InetSocketAddress(bind, bound));
            LOG.info("embedded tracker listening on {} and {}", tracker.httpAnnounceUrl(), tracker.udpAnnounceUrl());
            return tracker;
        }
    }

    private static HttpServer bindHttp(InetAddress bind, int port) throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress(bind, port), 64);
        } catch (BindException e) {
            throw new IOException("TCP port " + port + " of " + bind.getHostAddress() + " is taken", e);
        }
    }

    @Override
    public int port() {
        return address.getPort();
    }

    @Override
    public URI httpAnnounceUrl() {
        return URI.create("http://" + host() + ":" + port() + "/announce");
    }

    @Override
    public URI udpAnnounceUrl() {
        return URI.create("udp://" + host() + ":" + port() + "/announce");
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        http.stop(0);
        httpThreads.shutdownNow();
        try {
            udp.close();
        } catch (IOException e) {
            LOG.warn("embedded tracker: closing the UDP socket of port {} failed", port(), e);
        }
        LOG.info("embedded tracker on port {} stopped", port());
    }

    /** The host for URLs: the bound address, or loopback when bound to every address. */
    private String host() {
        InetAddress bound = address.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : address.getAddress();
        return bound instanceof Inet6Address ? "[" + bound.getHostAddress() + "]" : bound.getHostAddress();
    }
}
