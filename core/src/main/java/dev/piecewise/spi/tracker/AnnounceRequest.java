package dev.piecewise.spi.tracker;

import dev.piecewise.api.InfoHash;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One announce. Byte counts are true figures for this torrent in this session (BEP 3).
 *
 * @param tracker    the announce URL
 * @param infoHash   the torrent
 * @param peerId     our 20-byte peer id
 * @param port       the port we accept peer connections on
 * @param uploaded   payload bytes sent since the {@code started} event
 * @param downloaded payload bytes received since the {@code started} event
 * @param left       bytes we still need for a complete download
 * @param event      the event this announce reports
 * @param numWant    how many peers we would like
 * @param key        a value stable for the session that lets the tracker recognise us if our address changes
 * @param trackerId  the tracker id this tracker gave us in an earlier answer, if any
 */
public record AnnounceRequest(URI tracker, InfoHash infoHash, byte[] peerId, int port, long uploaded,
                              long downloaded, long left, AnnounceEvent event, int numWant, int key,
                              Optional<String> trackerId) {

    public AnnounceRequest {
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(trackerId, "trackerId");
        if (peerId.length != 20) {
            throw new IllegalArgumentException("a peer id has 20 bytes");
        }
        peerId = peerId.clone();
    }

    @Override
    public byte[] peerId() {
        return peerId.clone();
    }
}
