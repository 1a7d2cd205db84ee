package dev.piecewise.core.magnet;

import dev.piecewise.api.InfoHash;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A v1 magnet link (BEP 9): the info-hash, and what helps find the torrent and show it until its metadata arrives.
 *
 * @param infoHash      {@code xt=urn:btih:}, in hex or base32
 * @param displayName   {@code dn}: what to call the torrent until its metadata gives its name
 * @param trackers      every {@code tr}, in order, without duplicates
 * @param peers         every {@code x.pe}: addresses of peers, without duplicates; those given by host name are left
 *                      unresolved (they are looked up when dialled, never while parsing)
 * @param selectedFiles {@code so} (BEP 53): the files to download, when not all
 */
public record MagnetLink(InfoHash infoHash, Optional<String> displayName, List<String> trackers,
                         List<InetSocketAddress> peers, Optional<FileSelection> selectedFiles) {

    /** The scheme and the query's start, as every magnet link begins. */
    public static final String PREFIX = "magnet:?";

    public MagnetLink {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(selectedFiles, "selectedFiles");
        trackers = List.copyOf(trackers);
        peers = List.copyOf(peers);
    }

    /**
     * Parses a magnet link; see {@link MagnetParser} for what is accepted.
     *
     * @throws MagnetException naming the parameter at fault and why
     */
    public static MagnetLink parse(String uri) throws MagnetException {
        return MagnetParser.parse(uri);
    }

    /** Whether {@code text} is meant as a magnet link (rather than, say, a path to a .torrent file). */
    public static boolean looksLikeMagnet(String text) {
        return text.strip().regionMatches(true, 0, "magnet:", 0, "magnet:".length());
    }

    /** One tier per tracker, in the link's order, as other clients read magnet links (BEP 12 tiers). */
    public List<List<String>> announceTiers() {
        return trackers.stream().map(List::of).toList();
    }

    /** The link written out again: the info-hash in hex, then every other parameter, each value escaped. */
    public String toUri() {
        var uri = new StringBuilder(PREFIX).append("xt=urn:btih:").append(infoHash.hex());
        displayName.ifPresent(name -> uri.append("&dn=").append(escape(name)));
        trackers.forEach(tracker -> uri.append("&tr=").append(escape(tracker)));
        peers.forEach(peer -> uri.append("&x.pe=").append(escape(hostAndPort(peer))));
        selectedFiles.ifPresent(selection -> uri.append("&so=").append(selection));
        return uri.toString();
    }

    private static String hostAndPort(InetSocketAddress peer) {
        String host = peer.isUnresolved() ? peer.getHostString() : peer.getAddress().getHostAddress();
        boolean ipv6 = !peer.isUnresolved() && peer.getAddress() instanceof Inet6Address;
        return (ipv6 ? "[" + host + "]" : host) + ":" + peer.getPort();
    }

    private static String escape(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
