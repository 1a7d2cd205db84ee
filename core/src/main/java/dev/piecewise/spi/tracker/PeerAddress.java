package dev.piecewise.spi.tracker;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer a tracker returned. Peers are told apart by address and port, never by address alone (on loopback every peer
 * is 127.0.0.1).
 *
 * @param address the peer's IP address and port, resolved
 * @param peerId  the peer id, when the tracker used the dictionary model and gave one (20 bytes)
 */
public record PeerAddress(InetSocketAddress address, Optional<byte[]> peerId) {

    public PeerAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(peerId, "peerId");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("peer address must be resolved: " + address);
        }
        if (peerId.isPresent() && peerId.get().length != 20) {
            throw new IllegalArgumentException("a peer id has 20 bytes");
        }
    }

    public static PeerAddress of(InetSocketAddress address) {
        return new PeerAddress(address, Optional.empty());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerAddress other && address.equals(other.address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }
}
