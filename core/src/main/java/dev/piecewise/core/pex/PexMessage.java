package dev.piecewise.core.pex;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.api.bencode.BencodeException;
import dev.piecewise.api.bencode.BencodeLimits;
import dev.piecewise.core.wire.ProtocolException;
import dev.piecewise.core.wire.WireLimits;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A BEP 11 {@code ut_pex} message: the peers the sender connected to ({@code added}, {@code added6}, with a byte of
 * {@link PexPeer flags} each in {@code added.f} and {@code added6.f}) and those it lost ({@code dropped},
 * {@code dropped6}) since its last message, in the compact format.
 *
 * @param added   IPv4 and IPv6 peers together; the encoding splits them
 * @param dropped IPv4 and IPv6 peers together
 */
public record PexMessage(List<PexPeer> added, List<InetSocketAddress> dropped) {

    /** The extension's name in the extension handshake. */
    public static final String EXTENSION = "ut_pex";
    /**
     * The most peers we send in each of added and dropped, IPv4 and IPv6 together: the limit the clients agreed on
     * (libtorrent's {@code max_pex_peers} is 50 too).
     */
    public static final int MAX_SENT = 50;
    /**
     * The most peers read from each list of a received message. Some clients send more in their first message;
     * beyond this, the rest is ignored.
     */
    public static final int MAX_RECEIVED = 200;

    public PexMessage {
        added = List.copyOf(added);
        dropped = List.copyOf(dropped);
        dropped.forEach(address -> Objects.requireNonNull(address.getAddress(), "resolved dropped peers"));
    }

    public boolean isEmpty() {
        return added.isEmpty() && dropped.isEmpty();
    }

    /** The payload of the extended message that carries this; lists of a family with no peer are left out. */
    public byte[] encode() {
        var dictionary = BDictionary.builder();
        Map<Boolean, List<PexPeer>> added = this.added.stream()
                .collect(Collectors.partitioningBy(p -> p.address().getAddress() instanceof Inet4Address));
        putAdded(dictionary, "added", added.get(true), CompactPeers.IPV4);
        putAdded(dictionary, "added6", added.get(false), CompactPeers.IPV6);
        Map<Boolean, List<InetSocketAddress>> dropped = this.dropped.stream()
                .collect(Collectors.partitioningBy(a -> a.getAddress() instanceof Inet4Address));
        if (!dropped.get(true).isEmpty()) {
            dictionary.put("dropped", CompactPeers.encode(dropped.get(true), CompactPeers.IPV4));
        }
        if (!dropped.get(false).isEmpty()) {
            dictionary.put("dropped6", CompactPeers.encode(dropped.get(false), CompactPeers.IPV6));
        }
        return Bencode.encode(dictionary.build());
    }

    private static void putAdded(BDictionary.Builder dictionary, String key, List<PexPeer> peers, int entryLength) {
        if (peers.isEmpty()) {
            return;
        }
        dictionary.put(key, CompactPeers.encode(peers.stream().map(PexPeer::address).toList(), entryLength));
        byte[] flags = new byte[peers.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = (byte) peers.get(i).flags();
        }
        dictionary.put(key + ".f", flags);
    }

    /**
     * Decodes a {@code ut_pex} payload. Lenient where clients differ: missing lists are empty, flags missing or of the
     * wrong count count as none, unknown keys are ignored, at most {@link #MAX_RECEIVED} peers of each list are read,
     * and peers no one can dial (port 0, wildcard or multicast addresses) are skipped.
     *
     * @throws ProtocolException when it is not a bencoded dictionary within the limits, or a list of peers is not a
     *                           string of whole compact entries
     */
    public static PexMessage decode(ByteBuffer payload) throws ProtocolException {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        BValue value;
        try {
            value = Bencode.decoder().acceptingUnsortedKeys().withLimits(BencodeLimits.DEFAULT.withMaxDepth(4)
                    .withMaxTokens(256).withMaxStringLength(WireLimits.MAX_EXTENDED)
                    .withMaxTotalSize(WireLimits.MAX_EXTENDED)).decode(bytes);
        } catch (BencodeException e) {
            throw new ProtocolException("invalid ut_pex message: " + e.getMessage());
        }
        if (!(value instanceof BDictionary dictionary)) {
            throw new ProtocolException("the ut_pex message is not a dictionary");
        }
        List<PexPeer> added = new ArrayList<>(added(dictionary, "added", CompactPeers.IPV4));
        added.addAll(added(dictionary, "added6", CompactPeers.IPV6));
        List<InetSocketAddress> dropped = new ArrayList<>(dropped(dictionary, "dropped", CompactPeers.IPV4));
        dropped.addAll(dropped(dictionary, "dropped6", CompactPeers.IPV6));
        return new PexMessage(added.stream().filter(p -> dialable(p.address())).toList(),
                dropped.stream().filter(PexMessage::dialable).toList());
    }

    private static List<PexPeer> added(BDictionary dictionary, String key, int entryLength)
            throws ProtocolException {
        byte[] compact = compact(dictionary, key);
        List<InetSocketAddress> peers = peers(compact, key, entryLength);
        byte[] flags = dictionary.get(key + ".f").orElse(null) instanceof BString f ? f.bytes() : new byte[0];
        boolean flagged = flags.length == compact.length / entryLength;
        List<PexPeer> added = new ArrayList<>(peers.size());
        for (int i = 0; i < peers.size(); i++) {
            added.add(new PexPeer(peers.get(i), flagged ? flags[i] & 0xff : 0));
        }
        return added;
    }

    private static List<InetSocketAddress> dropped(BDictionary dictionary, String key, int entryLength)
            throws ProtocolException {
        return peers(compact(dictionary, key), key, entryLength);
    }

    private static byte[] compact(BDictionary dictionary, String key) throws ProtocolException {
        BValue value = dictionary.get(key).orElse(null);
        if (value == null) {
            return new byte[0];
        }
        if (!(value instanceof BString compact)) {
            throw new ProtocolException("ut_pex " + key + " is not a string of compact peers");
        }
        return compact.bytes();
    }

    private static List<InetSocketAddress> peers(byte[] compact, String key, int entryLength)
            throws ProtocolException {
        try {
            return CompactPeers.decode(compact, entryLength, MAX_RECEIVED);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("ut_pex " + key + ": " + e.getMessage());
        }
    }

    private static boolean dialable(InetSocketAddress address) {
        return address.getPort() != 0 && !address.getAddress().isAnyLocalAddress()
                && !address.getAddress().isMulticastAddress();
    }
}
