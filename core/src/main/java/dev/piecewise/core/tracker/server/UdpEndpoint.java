package dev.piecewise.core.tracker.server;

import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.ScrapeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded tracker over UDP (BEP 15): connect, announce and scrape on one socket, served by one thread. Peers
 * handed out are those of the socket's address family. Packets that cannot be a request (shorter than a header, or
 * a connect without the protocol id) are dropped; requests with a connection id that is unknown or expired are
 * dropped too, as opentracker does, so the client times out and connects again; other bad requests get an error.
 */
final class UdpEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpEndpoint.class);
    private static final long PROTOCOL_ID = 0x41727101980L;
    private static final int CONNECT = 0;
    private static final int ANNOUNCE = 1;
    private static final int SCRAPE = 2;
    private static final int ERROR = 3;
    private static final int HEADER = 16;
    private static final int ANNOUNCE_LENGTH = 98;
    private static final int MAX_SCRAPE_HASHES = 74;

    private final DatagramChannel channel;
    private final Swarms swarms;
    private final EmbeddedTrackerSettings settings;
    private final UdpConnectionIds connectionIds;
    private final boolean ipv4;
    private final Thread server;

    UdpEndpoint(DatagramChannel channel, Swarms swarms, EmbeddedTrackerSettings settings,
                UdpConnectionIds connectionIds) throws IOException {
        this.channel = channel;
        this.swarms = swarms;
        this.settings = settings;
        this.connectionIds = connectionIds;
        this.ipv4 = ((InetSocketAddress) channel.getLocalAddress()).getAddress() instanceof Inet4Address;
        this.server = Thread.ofVirtual().name("embedded-tracker-udp").unstarted(this::serve);
    }

    void start() {
        server.start();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            server.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        ByteBuffer packet = ByteBuffer.allocate(2048);
        while (channel.isOpen()) {
            try {
                packet.clear();
                var from = (InetSocketAddress) channel.receive(packet);
                packet.flip();
                ByteBuffer reply = answer(packet, from);
                if (reply != null) {
                    channel.send(reply, from);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("embedded tracker: a UDP request failed", e);
            }
        }
    }

    /** The reply to one packet, or {@code null} to drop it. */
    ByteBuffer answer(ByteBuffer request, InetSocketAddress from) {
        if (request.remaining() < HEADER) {
            return null;
        }
        long connectionId = request.getLong(0);
        int action = request.getInt(8);
        int transactionId = request.getInt(12);
        if (action == CONNECT) {
            return connectionId == PROTOCOL_ID ? ByteBuffer.allocate(16).putInt(CONNECT).putInt(transactionId)
                    .putLong(connectionIds.issue(from.getAddress())).flip() : null;
        }
        if (!connectionIds.isValid(connectionId, from.getAddress())) {
            return null;
        }
        return switch (action) {
            case ANNOUNCE -> request.remaining() < ANNOUNCE_LENGTH
                    ? error(transactionId, "an announce has 98 bytes, this one " + request.remaining())
                    : announce(request, transactionId, from);
            case SCRAPE -> scrape(request, transactionId);
            default -> error(transactionId, "unknown action " + action);
        };
    }

    private ByteBuffer announce(ByteBuffer request, int transactionId, InetSocketAddress from) {
        byte[] hash = new byte[20];
        byte[] peerId = new byte[20];
        request.get(16, hash).get(36, peerId);
        long left = request.getLong(64);
        int eventCode = request.getInt(80);
        int numWant = request.getInt(92);
        int port = Short.toUnsignedInt(request.getShort(96));
        if (eventCode < 0 || eventCode > 3) {
            return error(transactionId, "unknown event " + eventCode);
        }
        if (port == 0 || left < 0) {
            return error(transactionId, port == 0 ? "port 0" : "negative left");
        }
        AnnounceEvent event = List.of(AnnounceEvent.NONE, AnnounceEvent.COMPLETED, AnnounceEvent.STARTED,
                AnnounceEvent.STOPPED).get(eventCode);
        int wanted = numWant < 0 ? settings.defaultNumWant() : Math.min(numWant, settings.maxNumWant());
        SwarmAnswer answer = swarms.announce(new PeerAnnounce(InfoHash.of(hash), peerId,
                new InetSocketAddress(from.getAddress(), port), left, event, wanted));
        var peers = new ArrayList<SwarmAnswer.Peer>();
        for (SwarmAnswer.Peer peer : answer.peers()) {
            if ((peer.address().getAddress() instanceof Inet4Address) == ipv4) {
                peers.add(peer);
            }
        }
        ByteBuffer reply = ByteBuffer.allocate(20 + peers.size() * (ipv4 ? 6 : 18))
                .putInt(ANNOUNCE).putInt(transactionId).putInt((int) settings.interval().toSeconds())
                .putInt(answer.leechers()).putInt(answer.seeders());
        for (SwarmAnswer.Peer peer : peers) {
            reply.put(peer.address().getAddress().getAddress()).putShort((short) peer.address().getPort());
        }
        return reply.flip();
    }

    private ByteBuffer scrape(ByteBuffer request, int transactionId) {
        int hashes = (request.remaining() - HEADER) / 20;
        if (hashes == 0 || hashes > MAX_SCRAPE_HASHES) {
            return error(transactionId, "a scrape carries 1 to 74 info-hashes, this one " + hashes);
        }
        var torrents = new ArrayList<InfoHash>();
        for (int i = 0; i < hashes; i++) {
            byte[] hash = new byte[20];
            request.get(HEADER + 20 * i, hash);
            torrents.add(InfoHash.of(hash));
        }
        Map<InfoHash, ScrapeResponse.Counts> counts = swarms.scrape(torrents);
        ByteBuffer reply = ByteBuffer.allocate(8 + 12 * hashes).putInt(SCRAPE).putInt(transactionId);
        for (InfoHash torrent : torrents) {
            var c = counts.getOrDefault(torrent, new ScrapeResponse.Counts(0, 0, 0));
            reply.putInt(c.seeders()).putInt(c.completed()).putInt(c.leechers());
        }
        return reply.flip();
    }

    private static ByteBuffer error(int transactionId, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length).putInt(ERROR).putInt(transactionId).put(text).flip();
    }
}
