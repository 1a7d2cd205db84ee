package dev.piecewise.core.tracker.server;

import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceEvent;

import java.net.InetSocketAddress;

/**
 * One announce the embedded tracker received, whatever the protocol.
 *
 * @param torrent the info-hash
 * @param peerId  the peer's 20-byte id
 * @param address where the peer accepts connections: the announce's source address and the port it gave
 * @param left    bytes it still needs; 0 makes it a seeder
 * @param event   what it reports
 * @param numWant how many peers it wants, already within the tracker's limits
 */
record PeerAnnounce(InfoHash torrent, byte[] peerId, InetSocketAddress address, long left, AnnounceEvent event,
                    int numWant) {
}
