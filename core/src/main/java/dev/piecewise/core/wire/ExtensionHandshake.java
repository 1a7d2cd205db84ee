package dev.piecewise.core.wire;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BInteger;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.api.bencode.BencodeException;
import dev.piecewise.api.bencode.BencodeLimits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The BEP 10 extension handshake (extended message 0). Decoding is lenient the way peers expect: unknown keys and keys
 * of the wrong type are ignored, an extension numbered 0 is one the peer turned off. Only bencode that is not a
 * dictionary at all, or breaks the limits, is a protocol violation.
 *
 * @param extensions   the extensions the peer speaks and the message id it wants for each ({@code m})
 * @param client       the client's name and version ({@code v})
 * @param listenPort   the port the peer accepts connections on ({@code p})
 * @param requestQueue how many outstanding requests the peer keeps without dropping any ({@code reqq})
 * @param yourIp       our address as the peer sees it ({@code yourip})
 * @param metadataSize the size of the info dictionary, for BEP 9 ({@code metadata_size})
 */
public record ExtensionHandshake(Map<String, Integer> extensions, Optional<String> client, OptionalInt listenPort,
                                 OptionalInt requestQueue, Optional<InetAddress> yourIp, OptionalLong metadataSize) {

    /** Extended message id of the handshake. */
    public static final int ID = 0;

    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT.withMaxDepth(8).withMaxTokens(4096)
            .withMaxStringLength(WireLimits.MAX_EXTENDED).withMaxTotalSize(WireLimits.MAX_EXTENDED);

    public ExtensionHandshake {
        extensions = Map.copyOf(extensions);
    }

    /** Encodes the handshake as the payload of extended message 0. */
    public byte[] encode() {
        var m = BDictionary.builder();
        extensions.forEach((name, id) -> m.put(name, id));
        var dictionary = BDictionary.builder().put("m", m.build());
        client.ifPresent(v -> dictionary.put("v", v));
        listenPort.ifPresent(p -> dictionary.put("p", p));
        requestQueue.ifPresent(q -> dictionary.put("reqq", q));
        yourIp.ifPresent(ip -> dictionary.put("yourip", ip.getAddress()));
        metadataSize.ifPresent(size -> dictionary.put("metadata_size", size));
        return Bencode.encode(dictionary.build());
    }

    /**
     * Decodes the payload of extended message 0.
     *
     * @throws ProtocolException when it is not a bencoded dictionary within the limits
     */
    public static ExtensionHandshake decode(ByteBuffer payload) throws ProtocolException {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        BValue value;
        try {
            value = Bencode.decoder().withLimits(LIMITS).acceptingUnsortedKeys().decode(bytes);
        } catch (BencodeException e) {
            throw new ProtocolException("invalid extension handshake: " + e.getMessage());
        }
        if (!(value instanceof BDictionary dictionary)) {
            throw new ProtocolException("the extension handshake is not a dictionary");
        }
        var extensions = new TreeMap<String, Integer>();
        if (dictionary.get("m").orElse(null) instanceof BDictionary m) {
            m.entries().forEach((name, id) -> {
                if (id instanceof BInteger number && number.value() > 0 && number.value() <= 255) {
                    extensions.put(name.text(), (int) number.value());
                }
            });
        }
        return new ExtensionHandshake(extensions,
                text(dictionary, "v"),
                integer(dictionary, "p", 1, 65535),
                integer(dictionary, "reqq", 1, Integer.MAX_VALUE),
                address(dictionary),
                dictionary.get("metadata_size").orElse(null) instanceof BInteger size && size.value() > 0
                        ? OptionalLong.of(size.value()) : OptionalLong.empty());
    }

    private static Optional<String> text(BDictionary dictionary, String key) {
        return dictionary.get(key).orElse(null) instanceof BString s ? Optional.of(s.text()) : Optional.empty();
    }

    private static OptionalInt integer(BDictionary dictionary, String key, int min, int max) {
        return dictionary.get(key).orElse(null) instanceof BInteger i && i.value() >= min && i.value() <= max
                ? OptionalInt.of((int) i.value()) : OptionalInt.empty();
    }

    private static Optional<InetAddress> address(BDictionary dictionary) {
        if (dictionary.get("yourip").orElse(null) instanceof BString s && (s.length() == 4 || s.length() == 16)) {
            try {
                return Optional.of(InetAddress.getByAddress(s.bytes()));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 or 16 bytes are always an address", e);
            }
        }
        return Optional.empty();
    }
}
