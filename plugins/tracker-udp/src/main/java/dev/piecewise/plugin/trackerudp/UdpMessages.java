package dev.piecewise.plugin.trackerudp;

import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.AnnounceRequest;
import dev.piecewise.spi.tracker.AnnounceResponse;
import dev.piecewise.spi.tracker.PeerAddress;
import dev.piecewise.spi.tracker.ScrapeResponse;
import dev.piecewise.spi.tracker.TrackerException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static dev.piecewise.spi.tracker.TrackerException.Reason.MALFORMED;
import static dev.piecewise.spi.tracker.TrackerException.Reason.REFUSED;

/** The packets of BEP 15, written and read in network byte order. */
final class UdpMessages {

    static final int CONNECT = 0;
    static final int ANNOUNCE = 1;
    static final int SCRAPE = 2;
    static final int ERROR = 3;

    /** The most info-hashes one scrape packet may carry (BEP 15). */
    static final int MAX_SCRAPE_HASHES = 74;

    private static final long PROTOCOL_ID = 0x41727101980L;
    private static final int HEADER = 8;
    private static final int ANNOUNCE_HEADER = 20;
    private static final int SCRAPE_ENTRY = 12;

    private UdpMessages() {
    }

    static ByteBuffer connect(int transactionId) {
        return ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(CONNECT).putInt(transactionId).flip();
    }

    static ByteBuffer announce(long connectionId, int transactionId, AnnounceRequest request) {
        return ByteBuffer.allocate(98)
                .putLong(connectionId).putInt(ANNOUNCE).putInt(transactionId)
                .put(request.infoHash().bytes()).put(request.peerId())
                .putLong(request.downloaded()).putLong(request.left()).putLong(request.uploaded())
                .putInt(eventCode(request.event()))
                .putInt(0) // IP: 0 asks the tracker to use the packet's source address
                .putInt(request.key())
                .putInt(request.numWant())
                .putShort((short) request.port())
                .flip();
    }

    static ByteBuffer scrape(long connectionId, int transactionId, List<InfoHash> torrents) {
        var packet = ByteBuffer.allocate(16 + InfoHash.LENGTH * torrents.size())
                .putLong(connectionId).putInt(SCRAPE).putInt(transactionId);
        torrents.forEach(t -> packet.put(t.bytes()));
        return packet.flip();
    }

    /** The action of a packet at least 8 bytes long. */
    static int action(ByteBuffer reply) {
        return reply.getInt(0);
    }

    /** The transaction id of a packet at least 8 bytes long. */
    static int transactionId(ByteBuffer reply) {
        return reply.getInt(4);
    }

    static boolean hasHeader(ByteBuffer reply) {
        return reply.remaining() >= HEADER;
    }

    /**
     * {@code reply}, a packet of our transaction, if it answers {@code action}; an error packet is the tracker's
     * refusal, any other action a malformed answer.
     */
    static ByteBuffer answering(int action, ByteBuffer reply) throws TrackerException {
        int answered = action(reply);
        if (answered == ERROR) {
            throw new TrackerException(REFUSED, errorMessage(reply));
        }
        if (answered != action) {
            throw new TrackerException(MALFORMED, "the tracker answered the " + actionName(action)
                    + " request with action " + answered + " (" + actionName(answered) + ")");
        }
        return reply;
    }

    static long connectionId(ByteBuffer reply) throws TrackerException {
        requireLength(reply, 16, "a connect answer");
        return reply.getLong(8);
    }

    /** The message of an error packet; trackers send it as text, often without a terminating NUL. */
    static String errorMessage(ByteBuffer reply) {
        byte[] text = new byte[reply.remaining() - HEADER];
        reply.get(HEADER, text);
        String message = new String(text, StandardCharsets.UTF_8).replace("\0", "").strip();
        return message.isEmpty() ? "the tracker answered with an error and no message" : message;
    }

    static AnnounceResponse announceResponse(ByteBuffer reply, boolean ipv6) throws TrackerException {
        requireLength(reply, ANNOUNCE_HEADER, "an announce answer");
        int interval = nonNegative(reply.getInt(8), "interval");
        int leechers = nonNegative(reply.getInt(12), "leechers");
        int seeders = nonNegative(reply.getInt(16), "seeders");
        int entry = ipv6 ? 18 : 6;
        int peerBytes = reply.remaining() - ANNOUNCE_HEADER;
        if (peerBytes % entry != 0) {
            throw new TrackerException(MALFORMED, "the announce answer's peer list has " + peerBytes
                    + " bytes, not a multiple of " + entry + " (" + (ipv6 ? "IPv6" : "IPv4") + " peers)");
        }
        var peers = new ArrayList<PeerAddress>(peerBytes / entry);
        byte[] address = new byte[entry - 2];
        for (int at = ANNOUNCE_HEADER; at < reply.remaining(); at += entry) {
            reply.get(at, address);
            int port = Short.toUnsignedInt(reply.getShort(at + address.length));
            peers.add(PeerAddress.of(new InetSocketAddress(ipAddress(address), port)));
        }
        return new AnnounceResponse(Duration.ofSeconds(interval), Optional.empty(), Optional.empty(),
                Optional.empty(), peers, OptionalInt.of(seeders), OptionalInt.of(leechers));
    }

    static ScrapeResponse scrapeResponse(ByteBuffer reply, List<InfoHash> torrents) throws TrackerException {
        requireLength(reply, HEADER + SCRAPE_ENTRY * torrents.size(),
                "a scrape answer for " + torrents.size() + " torrents");
        var counts = new HashMap<InfoHash, ScrapeResponse.Counts>();
        for (int i = 0; i < torrents.size(); i++) {
            int at = HEADER + SCRAPE_ENTRY * i;
            counts.put(torrents.get(i), new ScrapeResponse.Counts(nonNegative(reply.getInt(at), "seeders"),
                    nonNegative(reply.getInt(at + 4), "completed"), nonNegative(reply.getInt(at + 8), "leechers")));
        }
        return new ScrapeResponse(counts);
    }

    private static String actionName(int action) {
        return switch (action) {
            case CONNECT -> "connect";
            case ANNOUNCE -> "announce";
            case SCRAPE -> "scrape";
            case ERROR -> "error";
            default -> "unknown action " + action;
        };
    }

    private static int eventCode(AnnounceEvent event) {
        return switch (event) {
            case NONE -> 0;
            case COMPLETED -> 1;
            case STARTED -> 2;
            case STOPPED -> 3;
        };
    }

    private static InetAddress ipAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an IP address", e);
        }
    }

    private static void requireLength(ByteBuffer reply, int length, String what) throws TrackerException {
        if (reply.remaining() < length) {
            throw new TrackerException(MALFORMED, "answer too short: " + reply.remaining() + " bytes, but " + what
                    + " has at least " + length);
        }
    }

    private static int nonNegative(int value, String field) throws TrackerException {
        if (value < 0) {
            throw new TrackerException(MALFORMED, "the answer's " + field + " is negative: " + value);
        }
        return value;
    }
}
