package dev.piecewise.plugin.trackerhttp;

import dev.piecewise.api.InfoHash;
import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BInteger;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.api.bencode.BencodeException;
import dev.piecewise.api.bencode.BencodeLimits;
import dev.piecewise.spi.tracker.AnnounceResponse;
import dev.piecewise.spi.tracker.PeerAddress;
import dev.piecewise.spi.tracker.ScrapeResponse;
import dev.piecewise.spi.tracker.TrackerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

import static dev.piecewise.spi.tracker.TrackerException.Reason.MALFORMED;
import static dev.piecewise.spi.tracker.TrackerException.Reason.REFUSED;

/**
 * Reads the bencoded answers of HTTP trackers: announces (BEP 3, compact peers of BEP 23, IPv6 peers of BEP 7) and
 * scrapes (BEP 48). Lenient where real trackers differ harmlessly (unsorted keys, a missing interval, peers given by
 * host name, which are skipped rather than looked up), strict about types and sizes.
 */
final class HttpAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(HttpAnswers.class);
    /** BEP 3 makes interval required; trackers that leave it out get the usual half hour. */
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);
    private static final int MAX_DEPTH = 8;

    private HttpAnswers() {
    }

    static AnnounceResponse announce(byte[] body) throws TrackerException {
        return read(body, HttpAnswers::announceFrom);
    }

    static ScrapeResponse scrape(byte[] body) throws TrackerException {
        return read(body, HttpAnswers::scrapeFrom);
    }

    /** Decodes an answer, throws the tracker's refusal if it is one, else reads it. */
    private static <T> T read(byte[] body, Function<BDictionary, T> reader) throws TrackerException {
        BDictionary answer = decode(body);
        refusal(answer);
        try {
            return reader.apply(answer);
        } catch (MalformedAnswer e) {
            throw new TrackerException(MALFORMED, e.getMessage());
        }
    }

    private static AnnounceResponse announceFrom(BDictionary answer) {
        var peers = new ArrayList<PeerAddress>();
        answer.get("peers").ifPresent(value -> peers.addAll(peers(value)));
        Optional<BValue> peers6 = answer.get("peers6");
        if (peers6.isPresent()) {
            peers.addAll(compactPeers(string(peers6.get(), "peers6").bytes(), 16, "peers6"));
        }
        Duration interval = answer.get("interval").isPresent()
                ? Duration.ofSeconds(nonNegative(answer, "interval")) : DEFAULT_INTERVAL;
        Optional<Duration> minInterval = answer.get("min interval").isPresent()
                ? Optional.of(Duration.ofSeconds(nonNegative(answer, "min interval"))) : Optional.empty();
        return new AnnounceResponse(interval, minInterval, optionalText(answer, "tracker id"),
                optionalText(answer, "warning message"), peers, optionalCount(answer, "complete"),
                optionalCount(answer, "incomplete"));
    }

    private static ScrapeResponse scrapeFrom(BDictionary answer) {
        Optional<BValue> files = answer.get("files");
        if (files.isEmpty()) {
            return new ScrapeResponse(Map.of());
        }
        if (!(files.get() instanceof BDictionary byHash)) {
            throw malformed("files is not a dictionary");
        }
        var counts = new HashMap<InfoHash, ScrapeResponse.Counts>();
        for (var entry : byHash.entries().entrySet()) {
            if (entry.getKey().length() != InfoHash.LENGTH) {
                throw malformed("files has a key of " + entry.getKey().length() + " bytes, not a 20-byte info-hash");
            }
            if (!(entry.getValue() instanceof BDictionary file)) {
                throw malformed("a files entry is not a dictionary");
            }
            counts.put(InfoHash.of(entry.getKey().bytes()), new ScrapeResponse.Counts(
                    optionalCount(file, "complete").orElse(0), optionalCount(file, "downloaded").orElse(0),
                    optionalCount(file, "incomplete").orElse(0)));
        }
        return new ScrapeResponse(counts);
    }

    /**
     * The failure reason in an answer that came with an error status, if the body is a bencoded one at all: many
     * trackers send their refusals that way. Anything else in the body does not matter then.
     */
    static Optional<String> failureReason(byte[] body) {
        try {
            refusal(decode(body));
            return Optional.empty();
        } catch (TrackerException e) {
            return e.reason() == REFUSED ? Optional.of(e.getMessage()) : Optional.empty();
        }
    }

    /** The body is already no longer than the transport's cap, which bounds strings and values too. */
    private static BDictionary decode(byte[] body) throws TrackerException {
        BValue value;
        try {
            value = Bencode.decoder().acceptingUnsortedKeys().withLimits(BencodeLimits.DEFAULT.withMaxDepth(MAX_DEPTH))
                    .decode(body);
        } catch (BencodeException e) {
            throw new TrackerException(MALFORMED, "the answer is not valid bencoding (" + e.getMessage() + ")"
                    + preview(body), e);
        }
        if (!(value instanceof BDictionary dictionary)) {
            throw new TrackerException(MALFORMED, "the answer is not a bencoded dictionary" + preview(body));
        }
        return dictionary;
    }

    private static void refusal(BDictionary answer) throws TrackerException {
        Optional<BValue> reason = answer.get("failure reason");
        if (reason.isPresent()) {
            String text = reason.get() instanceof BString s ? s.text().strip() : "";
            throw new TrackerException(REFUSED, text.isEmpty() ? "the tracker refused without saying why" : text);
        }
    }

    private static List<PeerAddress> peers(BValue value) {
        return switch (value) {
            case BString compact -> compactPeers(compact.bytes(), 4, "peers");
            case BList list -> dictionaryPeers(list);
            default -> throw new MalformedAnswer("peers is neither a string (compact) nor a list");
        };
    }

    /** BEP 23 and BEP 7: each peer is an address of {@code addressLength} bytes and a 2-byte port. */
    private static List<PeerAddress> compactPeers(byte[] bytes, int addressLength, String field) {
        int entry = addressLength + 2;
        if (bytes.length % entry != 0) {
            throw new MalformedAnswer(field + " has " + bytes.length + " bytes, not a multiple of " + entry);
        }
        var peers = new ArrayList<PeerAddress>(bytes.length / entry);
        for (int at = 0; at < bytes.length; at += entry) {
            byte[] address = Arrays.copyOfRange(bytes, at, at + addressLength);
            int port = (bytes[at + addressLength] & 0xff) << 8 | bytes[at + addressLength + 1] & 0xff;
            peers.add(PeerAddress.of(new InetSocketAddress(byAddress(address), port)));
        }
        return peers;
    }

    /** BEP 3's original model: a list of dictionaries with ip, port and (optionally) peer id. */
    private static List<PeerAddress> dictionaryPeers(BList list) {
        var peers = new ArrayList<PeerAddress>(list.values().size());
        for (BValue value : list.values()) {
            if (!(value instanceof BDictionary peer)) {
                throw new MalformedAnswer("a peers entry is not a dictionary");
            }
            String ip = string(peer.get("ip").orElseThrow(() -> new MalformedAnswer("a peer has no ip")), "ip").text();
            long port = integer(peer.get("port").orElseThrow(() -> new MalformedAnswer("a peer has no port")),
                    "port");
            if (port < 0 || port > 65_535) {
                throw new MalformedAnswer("a peer's port is " + port);
            }
            Optional<byte[]> peerId = peer.get("peer id").map(id -> string(id, "peer id").bytes())
                    .filter(id -> id.length == 20);
            Optional<InetAddress> address = ipLiteral(ip);
            if (address.isEmpty()) {
                LOG.debug("skipped peer '{}': not an IP address (host names are not looked up)", ip);
                continue;
            }
            peers.add(new PeerAddress(new InetSocketAddress(address.get(), (int) port), peerId));
        }
        return peers;
    }

    /**
     * An IPv4 dotted quad or an IPv6 literal, parsed without a name lookup; anything else is empty. The JDK looks up
     * whatever it cannot parse as a literal (such as {@code 827.0.0.1}), so a quad is read here and an IPv6 literal
     * goes in brackets, which the JDK parses as a literal or refuses.
     */
    static Optional<InetAddress> ipLiteral(String text) {
        try {
            if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                String[] parts = text.split("\\.");
                byte[] quad = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    quad[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(quad));
            }
            if (text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+")) {
                return Optional.of(InetAddress.getByName("[" + text + "]"));
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static int nonNegative(BDictionary answer, String key) {
        long value = integer(answer.get(key).orElseThrow(), key);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw malformed(key + " is " + value);
        }
        return (int) value;
    }

    private static OptionalInt optionalCount(BDictionary answer, String key) {
        Optional<BValue> value = answer.get(key);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        long count = integer(value.get(), key);
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw new MalformedAnswer(key + " is " + count);
        }
        return OptionalInt.of((int) count);
    }

    private static Optional<String> optionalText(BDictionary answer, String key) {
        return answer.get(key).map(value -> string(value, key).text());
    }

    private static BString string(BValue value, String field) {
        if (value instanceof BString s) {
            return s;
        }
        throw new MalformedAnswer(field + " is not a string");
    }

    private static long integer(BValue value, String field) {
        if (value instanceof BInteger i) {
            return i.value();
        }
        throw new MalformedAnswer(field + " is not an integer");
    }

    private static InetAddress byAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an IP address", e);
        }
    }

    private static MalformedAnswer malformed(String what) {
        return new MalformedAnswer(what);
    }

    /** The first bytes of an answer that is not bencoding, often an HTML error page, to show what came. */
    private static String preview(byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", " ").strip();
        return start.isEmpty() ? "" : ": it starts with \"" + start + "\"";
    }

    /** What the parsing helpers throw (unchecked, so they work in lambdas); the entry points make it MALFORMED. */
    private static final class MalformedAnswer extends RuntimeException {
        MalformedAnswer(String message) {
            super(message);
        }
    }
}
