package dev.piecewise.plugin.trackerhttp;

import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.AnnounceRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The URLs of BEP 3 announces and BEP 48 scrapes: parameters appended to the tracker's own URL. */
final class TrackerUrls {

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private TrackerUrls() {
    }

    static URI announce(AnnounceRequest request) {
        var query = new StringBuilder()
                .append("info_hash=").append(percentEncode(request.infoHash().bytes()))
                .append("&peer_id=").append(percentEncode(request.peerId()))
                .append("&port=").append(request.port())
                .append("&uploaded=").append(request.uploaded())
                .append("&downloaded=").append(request.downloaded())
                .append("&left=").append(request.left())
                .append("&compact=1")
                .append("&numwant=").append(request.numWant())
                .append("&key=").append(HexFormat.of().toHexDigits(request.key()));
        if (request.event() != AnnounceEvent.NONE) {
            query.append("&event=").append(request.event().name().toLowerCase(Locale.ROOT));
        }
        request.trackerId().ifPresent(id -> query.append("&trackerid=")
                .append(percentEncode(id.getBytes(StandardCharsets.UTF_8))));
        return withQuery(request.tracker(), query.toString());
    }

    /**
     * The scrape URL of an announce URL (BEP 48): the last path segment must start with {@code announce}, which
     * becomes {@code scrape}.
     */
    static Optional<URI> scrape(URI announce, List<InfoHash> torrents) {
        String path = announce.getRawPath();
        if (path == null) {
            return Optional.empty();
        }
        int slash = path.lastIndexOf('/');
        if (!path.startsWith("announce", slash + 1)) {
            return Optional.empty();
        }
        String scrapePath = path.substring(0, slash + 1) + "scrape" + path.substring(slash + 1 + "announce".length());
        var query = new StringBuilder();
        for (InfoHash torrent : torrents) {
            query.append(query.isEmpty() ? "" : "&").append("info_hash=").append(percentEncode(torrent.bytes()));
        }
        URI base = URI.create(announce.getScheme() + "://" + announce.getRawAuthority() + scrapePath
                + (announce.getRawQuery() == null ? "" : "?" + announce.getRawQuery()));
        return Optional.of(withQuery(base, query.toString()));
    }

    /** Percent-encodes raw bytes, leaving only RFC 3986's unreserved characters as they are. */
    static String percentEncode(byte[] bytes) {
        var encoded = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(UPPER_HEX.toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    /** Appends parameters to a URL that may already have a query (a private tracker's passkey, say). */
    private static URI withQuery(URI base, String parameters) {
        String url = base.toString();
        int fragment = url.indexOf('#');
        if (fragment >= 0) {
            url = url.substring(0, fragment);
        }
        String separator = base.getRawQuery() == null ? "?" : url.endsWith("&") || url.endsWith("?") ? "" : "&";
        return URI.create(url + separator + parameters);
    }
}
