package dev.piecewise.testing;

import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.AnnounceRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Announces and torrents for tracker tests, with figures that are easy to recognise on the wire. */
public final class TrackerRequests {

    private TrackerRequests() {
    }

    /** An info-hash whose 20 bytes are all {@code fill}. */
    public static InfoHash infoHash(int fill) {
        byte[] bytes = new byte[InfoHash.LENGTH];
        Arrays.fill(bytes, (byte) fill);
        return InfoHash.of(bytes);
    }

    /** A 20-byte peer id: {@code -PW0100-} and the name, padded with dashes. */
    public static byte[] peerId(String name) {
        byte[] id = new byte[20];
        Arrays.fill(id, (byte) '-');
        byte[] text = ("-PW0100-" + name).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, id, 0, Math.min(20, text.length));
        return id;
    }

    /** A peer announcing with the given figures: 1000 bytes uploaded and 2000 downloaded. */
    public static AnnounceRequest announce(URI tracker, InfoHash torrent, String peer, int port, long left,
                                           AnnounceEvent event) {
        return new AnnounceRequest(tracker, torrent, peerId(peer), port, 1000, 2000, left, event, 50,
                0x1234abcd, Optional.empty());
    }
}
