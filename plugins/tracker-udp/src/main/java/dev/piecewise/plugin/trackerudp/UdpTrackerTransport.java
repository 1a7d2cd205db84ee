package dev.piecewise.plugin.trackerudp;

import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceRequest;
import dev.piecewise.spi.tracker.AnnounceResponse;
import dev.piecewise.spi.tracker.ScrapeResponse;
import dev.piecewise.spi.tracker.TrackerException;
import dev.piecewise.spi.tracker.TrackerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import static dev.piecewise.spi.tracker.TrackerException.Reason.UNREACHABLE;
import static dev.piecewise.spi.tracker.TrackerException.Reason.UNSUPPORTED;

/**
 * Speaks BEP 15 to {@code udp://} trackers. Each call uses a socket of its own, connected to the tracker, so concurrent
 * calls never see each other's packets; connection ids are shared between calls for their minute.
 *
 * <p>Stray packets are ignored and the wait goes on until the try's deadline: a packet shorter than the 8-byte header,
 * or one whose transaction id is not the one just sent (a late answer to an earlier try, or a spoofed packet). A packet
 * with the right transaction id is trusted to be the answer: an error action fails the call as
 * {@link TrackerException.Reason#REFUSED} with the tracker's message, another action than the request's or a packet too
 * short for its action as {@link TrackerException.Reason#MALFORMED}. When every try goes unanswered the call fails as
 * {@link TrackerException.Reason#UNREACHABLE}, saying how many stray packets were ignored. A try whose request went
 * unanswered also drops the connection id it carried, in case the tracker restarted and no longer accepts it.
 */
final class UdpTrackerTransport implements TrackerTransport {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTrackerTransport.class);
    private static final int MAX_DATAGRAM = 65_536;

    private final Retransmission retransmission;
    private final Optional<InetAddress> bindAddress;
    private final ConnectionIds connectionIds;
    private final SecureRandom random = new SecureRandom();

    UdpTrackerTransport(Retransmission retransmission, Optional<InetAddress> bindAddress, LongSupplier nanoTime) {
        this.retransmission = retransmission;
        this.bindAddress = bindAddress;
        this.connectionIds = new ConnectionIds(nanoTime);
    }

    @Override
    public AnnounceResponse announce(AnnounceRequest request) throws TrackerException, InterruptedException {
        InetSocketAddress tracker = resolve(request.tracker());
        ByteBuffer reply = exchange(tracker, UdpMessages.ANNOUNCE,
                (connectionId, tx) -> UdpMessages.announce(connectionId, tx, request));
        return UdpMessages.announceResponse(reply, tracker.getAddress() instanceof Inet6Address);
    }

    @Override
    public boolean canScrape(URI announce) {
        return "udp".equalsIgnoreCase(announce.getScheme());
    }

    /**
     * {@inheritDoc} BEP 15 cannot tell a torrent the tracker does not know from an empty one: both come back as zero
     * counts.
     */
    @Override
    public ScrapeResponse scrape(URI announce, List<InfoHash> torrents) throws TrackerException, InterruptedException {
        InetSocketAddress tracker = resolve(announce);
        var counts = new HashMap<InfoHash, ScrapeResponse.Counts>();
        for (int from = 0; from < torrents.size(); from += UdpMessages.MAX_SCRAPE_HASHES) {
            List<InfoHash> chunk = torrents.subList(from,
                    Math.min(torrents.size(), from + UdpMessages.MAX_SCRAPE_HASHES));
            ByteBuffer reply = exchange(tracker, UdpMessages.SCRAPE,
                    (connectionId, tx) -> UdpMessages.scrape(connectionId, tx, chunk));
            counts.putAll(UdpMessages.scrapeResponse(reply, chunk).torrents());
        }
        return new ScrapeResponse(counts);
    }

    @Override
    public void close() {
        connectionIds.clear();
    }

    private interface RequestWriter {
        ByteBuffer write(long connectionId, int transactionId);
    }

    /** Counts what {@link #roundTrip} ignored, for the message when nothing useful came back. */
    private static final class Strays {
        int shortPackets;
        int wrongTransaction;

        @Override
        public String toString() {
            if (shortPackets + wrongTransaction == 0) {
                return "";
            }
            return " (ignored " + wrongTransaction + " packets with a wrong transaction id and " + shortPackets
                    + " shorter than a header)";
        }
    }

    /** Connects if needed, then sends the request, both with BEP 15's retransmission schedule. */
    private ByteBuffer exchange(InetSocketAddress tracker, int action, RequestWriter request)
            throws TrackerException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        var strays = new Strays();
        try (DatagramChannel channel = open(tracker)) {
            for (int n = 0; n < retransmission.tries(); n++) {
                Duration wait = retransmission.wait(n);
                OptionalLong cached = connectionIds.valid(tracker);
                long connectionId;
                if (cached.isPresent()) {
                    connectionId = cached.getAsLong();
                } else {
                    long requestedAt = connectionIds.now();
                    Optional<ByteBuffer> connected = roundTrip(channel, UdpMessages.CONNECT, UdpMessages::connect,
                            wait, strays);
                    if (connected.isEmpty()) {
                        continue;
                    }
                    connectionId = UdpMessages.connectionId(connected.get());
                    connectionIds.remember(tracker, connectionId, requestedAt);
                }
                Optional<ByteBuffer> reply = roundTrip(channel, action, tx -> request.write(connectionId, tx), wait,
                        strays);
                if (reply.isPresent()) {
                    return reply.get();
                }
                connectionIds.forget(tracker, connectionId);
            }
        } catch (PortUnreachableException e) {
            throw new TrackerException(UNREACHABLE, "nothing listens on UDP port " + tracker.getPort() + " of "
                    + tracker.getAddress().getHostAddress() + " (port unreachable)", e);
        } catch (ClosedByInterruptException | InterruptedIOException e) {
            throw interrupted(e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            throw new TrackerException(UNREACHABLE, "UDP error talking to " + tracker + ": " + e.getMessage(), e);
        }
        throw new TrackerException(UNREACHABLE, "no answer after " + retransmission.tries() + " tries, waiting "
                + format(retransmission.wait(0)) + " at first and twice as long each time" + strays);
    }

    /** Sends one packet and waits for its answer; empty when the wait ends without one. */
    private Optional<ByteBuffer> roundTrip(DatagramChannel channel, int action, IntFunction<ByteBuffer> request,
                                           Duration wait, Strays strays) throws IOException, TrackerException {
        int transactionId = random.nextInt();
        channel.write(request.apply(transactionId));
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] buffer = new byte[MAX_DATAGRAM];
        var packet = new DatagramPacket(buffer, buffer.length);
        while (true) {
            long remainingMillis = Math.ceilDiv(deadline - System.nanoTime(), 1_000_000L);
            if (remainingMillis <= 0) {
                return Optional.empty();
            }
            channel.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
            try {
                channel.socket().receive(packet);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            ByteBuffer reply = ByteBuffer.wrap(buffer, 0, packet.getLength()).slice();
            if (!UdpMessages.hasHeader(reply)) {
                strays.shortPackets++;
                LOG.debug("ignored a {}-byte packet from {}: shorter than a header", reply.remaining(),
                        channel.getRemoteAddress());
                continue;
            }
            if (UdpMessages.transactionId(reply) != transactionId) {
                strays.wrongTransaction++;
                LOG.debug("ignored a packet from {} with transaction id {} while waiting for {}",
                        channel.getRemoteAddress(), UdpMessages.transactionId(reply), transactionId);
                continue;
            }
            return Optional.of(UdpMessages.answering(action, reply));
        }
    }

    private DatagramChannel open(InetSocketAddress tracker) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            InetAddress local = bindAddress
                    .filter(a -> (a instanceof Inet6Address) == (tracker.getAddress() instanceof Inet6Address))
                    .orElse(null);
            channel.bind(new InetSocketAddress(local, 0));
            channel.connect(tracker);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static InetSocketAddress resolve(URI tracker) throws TrackerException {
        String host = tracker.getHost();
        if (host == null || tracker.getPort() < 1) {
            throw new TrackerException(UNSUPPORTED, "a UDP tracker URL needs a host and a port: " + tracker);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), tracker.getPort());
        } catch (UnknownHostException e) {
            throw new TrackerException(UNREACHABLE, "cannot resolve the tracker's host " + host, e);
        }
    }

    private static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static InterruptedException interrupted(IOException cause) {
        Thread.interrupted(); // the status is reported by the exception, as for any InterruptedException
        var interrupted = new InterruptedException("interrupted while waiting for a UDP tracker");
        interrupted.initCause(cause);
        return interrupted;
    }
}
