package dev.piecewise.core.pex;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact peer format of BEP 23 and BEP 7: an address's bytes (4 for IPv4, 16 for IPv6) and a 2-byte port, in
 * network byte order, one peer after another.
 */
final class CompactPeers {

    static final int IPV4 = 6;
    static final int IPV6 = 18;

    private CompactPeers() {
    }

    /** Encodes {@code peers}, which must all be of the family whose entries are {@code entryLength} long. */
    static byte[] encode(List<InetSocketAddress> peers, int entryLength) {
        ByteBuffer out = ByteBuffer.allocate(peers.size() * entryLength);
        for (InetSocketAddress peer : peers) {
            byte[] address = peer.getAddress().getAddress();
            if (address.length + 2 != entryLength) {
                throw new IllegalArgumentException(peer + " is not of the family of " + entryLength + "-byte entries");
            }
            out.put(address).putShort((short) peer.getPort());
        }
        return out.array();
    }

    /**
     * Decodes the first {@code max} entries of {@code bytes}.
     *
     * @throws IllegalArgumentException when {@code bytes} is not a whole number of entries
     */
    static List<InetSocketAddress> decode(byte[] bytes, int entryLength, int max) {
        if (bytes.length % entryLength != 0) {
            throw new IllegalArgumentException(bytes.length + " bytes are not a whole number of " + entryLength
                    + "-byte peers");
        }
        int count = Math.min(max, bytes.length / entryLength);
        List<InetSocketAddress> peers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = i * entryLength;
            byte[] address = Arrays.copyOfRange(bytes, at, at + entryLength - 2);
            int port = (bytes[at + entryLength - 2] & 0xff) << 8 | bytes[at + entryLength - 1] & 0xff;
            peers.add(new InetSocketAddress(address(address), port));
        }
        return peers;
    }

    private static InetAddress address(byte[] raw) {
        try {
            // an IPv4-mapped IPv6 address comes back as the IPv4 one: the same peer, whichever list named it
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
