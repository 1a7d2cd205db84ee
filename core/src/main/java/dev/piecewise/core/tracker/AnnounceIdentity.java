package dev.piecewise.core.tracker;

import dev.piecewise.api.InfoHash;

import java.util.Objects;

/**
 * Who announces: the torrent and how peers reach us.
 *
 * @param infoHash the torrent
 * @param peerId   our 20-byte peer id
 * @param port     the TCP port we accept peers on
 * @param key      random and stable for the session, so a tracker can recognise us if our address changes
 */
public record AnnounceIdentity(InfoHash infoHash, byte[] peerId, int port, int key) {

    public AnnounceIdentity {
        Objects.requireNonNull(infoHash, "infoHash");
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
