package dev.piecewise.shell.format;

import dev.piecewise.api.MetadataProgress;
import dev.piecewise.api.TorrentState;
import dev.piecewise.api.TorrentStatus;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Locale;

/** How torrent figures are written wherever the shell shows them, so the list, status and progress bar agree. */
public final class TorrentText {

    private TorrentText() {
    }

    /** {@code downloading}, {@code seeding}, {@code fetching metadata}. */
    public static String state(TorrentState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The time left, or {@code -} when there is nothing to wait for or no estimate. */
    public static String eta(TorrentStatus status) {
        if (status.state() != TorrentState.DOWNLOADING) {
            return "-";
        }
        return status.eta().map(Units::duration).orElse("-");
    }

    /** {@code 12 (3 seeds)}; while a magnet torrent's metadata is fetched, the peers asked: {@code 3 tried}. */
    public static String peers(TorrentStatus status) {
        if (status.metadata().isPresent()) {
            return status.metadata().get().peers().size() + " tried";
        }
        return status.seeds() > 0 ? status.peers() + " (" + status.seeds() + " seeds)" : String.valueOf(status.peers());
    }

    /** The payload's size, or {@code ?} while the metadata that tells it is not known. */
    public static String size(TorrentStatus status) {
        return status.metadata().isPresent() ? "?" : Units.bytes(status.totalBytes());
    }

    /**
     * How far the metadata is: {@code 3/5 pieces of 70.2 KiB}, or {@code size not known yet} until a peer offers
     * it.
     */
    public static String metadata(MetadataProgress metadata) {
        if (metadata.size().isEmpty()) {
            return "size not known yet: no peer has offered it";
        }
        return metadata.piecesReceived() + "/" + metadata.piecesTotal() + " pieces of "
                + Units.bytes(metadata.size().getAsLong());
    }

    /** A peer's address as users type it for {@code connect}: {@code 127.0.0.1:6881}, {@code [::1]:6881}. */
    public static String address(InetSocketAddress address) {
        String host = address.getAddress() instanceof Inet6Address ? "[" + address.getHostString() + "]"
                : address.getHostString();
        return host + ":" + address.getPort();
    }
}
