package dev.piecewise.core.tracker.server;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What the embedded tracker tells an announcing peer.
 *
 * @param peers    other peers of the torrent
 * @param seeders  peers with the whole torrent
 * @param leechers peers still downloading
 */
record SwarmAnswer(List<Peer> peers, int seeders, int leechers) {

    /** A peer handed out: where it is and its id. */
    record Peer(InetSocketAddress address, byte[] peerId) {
    }
}
