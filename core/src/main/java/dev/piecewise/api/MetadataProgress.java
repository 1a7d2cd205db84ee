package dev.piecewise.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How fetching a magnet torrent's metadata goes: in {@link TorrentState#FETCHING_METADATA}, and while such a torrent
 * is paused or failed before its metadata arrived.
 *
 * @param size           the metadata's size, once a peer offered it
 * @param piecesReceived 16 KiB pieces of it received (of the attempt under way)
 * @param piecesTotal    its pieces, once the size is known
 * @param peers          the peers tried, connected or not, and how each fared
 */
public record MetadataProgress(OptionalLong size, int piecesReceived, int piecesTotal, List<MetadataPeer> peers) {

    public MetadataProgress {
        Objects.requireNonNull(size, "size");
        peers = List.copyOf(peers);
    }

    /**
     * A peer tried for the metadata.
     *
     * @param client its client, or {@code -} when it could not be reached
     * @param state  what came of it, for people: {@code asked}, {@code offers N bytes}, {@code rejecting},
     *               {@code gave up}, {@code distrusted: <why>}, {@code no metadata to offer}, {@code left: <why>},
     *               {@code unreachable: <why>}...
     */
    public record MetadataPeer(InetSocketAddress address, String client, String state) {
    }
}
