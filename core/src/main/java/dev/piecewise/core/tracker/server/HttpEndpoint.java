package dev.piecewise.core.tracker.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.piecewise.api.InfoHash;
import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.ScrapeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The embedded tracker over HTTP: {@code /announce} (BEP 3, compact answers of BEP 23 and {@code peers6} of BEP 7
 * when the client asks for {@code compact=1}, the dictionary model otherwise) and {@code /scrape} (BEP 48). Requests
 * it cannot serve get a bencoded {@code failure reason}. The peer's address is the connection's source address; an
 * {@code ip} parameter is ignored, so nobody can announce someone else.
 */
final class HttpEndpoint implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

    private final Swarms swarms;
    private final EmbeddedTrackerSettings settings;

    HttpEndpoint(Swarms swarms, EmbeddedTrackerSettings settings) {
        this.swarms = swarms;
        this.settings = settings;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            int status = 200;
            BValue answer;
            try {
                answer = switch (path) {
                    case "/announce" -> announce(exchange);
                    case "/scrape" -> scrape(QueryString.parse(exchange.getRequestURI().getRawQuery()));
                    default -> {
                        status = 404;
                        yield failure("no such path: " + path + " (try /announce or /scrape)");
                    }
                };
            } catch (QueryString.Invalid e) {
                answer = failure(e.getMessage());
            }
            byte[] body = Bencode.encode(answer);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException | RuntimeException e) {
            LOG.debug("embedded tracker: HTTP request from {} failed", exchange.getRemoteAddress(), e);
            throw e;
        }
    }

    private BValue announce(HttpExchange exchange) throws QueryString.Invalid {
        var query = QueryString.parse(exchange.getRequestURI().getRawQuery());
        InfoHash torrent = InfoHash.of(query.bytes("info_hash", InfoHash.LENGTH));
        byte[] peerId = query.bytes("peer_id", 20);
        int port = (int) query.number("port", 1, 65_535, null);
        long left = query.number("left", 0, Long.MAX_VALUE, null);
        int numWant = (int) Math.min(query.number("numwant", 0, Integer.MAX_VALUE, (long) settings.defaultNumWant()),
                settings.maxNumWant());
        AnnounceEvent event = event(query.text("event").orElse(""));
        var address = new InetSocketAddress(exchange.getRemoteAddress().getAddress(), port);
        SwarmAnswer answer = swarms.announce(new PeerAnnounce(torrent, peerId, address, left, event, numWant));

        var dictionary = BDictionary.builder()
                .put("interval", settings.interval().toSeconds())
                .put("min interval", settings.minInterval().toSeconds())
                .put("complete", answer.seeders())
                .put("incomplete", answer.leechers());
        if (query.text("compact").orElse("0").equals("1")) {
            dictionary.put("peers", compact(answer.peers(), true)).put("peers6", compact(answer.peers(), false));
        } else {
            boolean withIds = !query.text("no_peer_id").orElse("0").equals("1");
            dictionary.put("peers", dictionaryPeers(answer.peers(), withIds));
        }
        return dictionary.build();
    }

    private BValue scrape(QueryString query) throws QueryString.Invalid {
        var torrents = new ArrayList<InfoHash>();
        for (byte[] hash : query.all("info_hash")) {
            if (hash.length != InfoHash.LENGTH) {
                throw new QueryString.Invalid("info_hash must be 20 bytes, not " + hash.length);
            }
            torrents.add(InfoHash.of(hash));
        }
        var files = new TreeMap<BString, BValue>(); // keyed by raw info-hash bytes, which are not text
        for (Map.Entry<InfoHash, ScrapeResponse.Counts> entry : swarms.scrape(torrents).entrySet()) {
            files.put(BString.of(entry.getKey().bytes()), BDictionary.builder()
                    .put("complete", entry.getValue().seeders())
                    .put("downloaded", entry.getValue().completed())
                    .put("incomplete", entry.getValue().leechers()).build());
        }
        return BDictionary.builder().put("files", new BDictionary(files)).build();
    }

    private static AnnounceEvent event(String text) throws QueryString.Invalid {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "", "empty" -> AnnounceEvent.NONE;
            case "started" -> AnnounceEvent.STARTED;
            case "completed" -> AnnounceEvent.COMPLETED;
            case "stopped" -> AnnounceEvent.STOPPED;
            default -> throw new QueryString.Invalid("unknown event: " + text);
        };
    }

    /** BEP 23 (IPv4, 6 bytes each) or BEP 7 (IPv6, 18 bytes each). */
    private static byte[] compact(List<SwarmAnswer.Peer> peers, boolean ipv4) {
        var out = new ByteArrayOutputStream();
        for (SwarmAnswer.Peer peer : peers) {
            if ((peer.address().getAddress() instanceof Inet4Address) == ipv4) {
                out.writeBytes(peer.address().getAddress().getAddress());
                out.write(peer.address().getPort() >> 8);
                out.write(peer.address().getPort());
            }
        }
        return out.toByteArray();
    }

    private static BList dictionaryPeers(List<SwarmAnswer.Peer> peers, boolean withIds) {
        var list = new ArrayList<BValue>();
        for (SwarmAnswer.Peer peer : peers) {
            var entry = BDictionary.builder()
                    .put("ip", peer.address().getAddress().getHostAddress())
                    .put("port", peer.address().getPort());
            if (withIds) {
                entry.put("peer id", peer.peerId());
            }
            list.add(entry.build());
        }
        return new BList(list);
    }

    private static BDictionary failure(String reason) {
        return BDictionary.builder().put("failure reason", reason).build();
    }
}
