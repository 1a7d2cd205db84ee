package dev.piecewise.core.metadata;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BInteger;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.api.bencode.BencodeException;
import dev.piecewise.api.bencode.BencodeLimits;
import dev.piecewise.api.bencode.Decoded;
import dev.piecewise.core.wire.ProtocolException;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * A BEP 9 {@code ut_metadata} message: the payload of an extended message, a bencoded dictionary with
 * {@code msg_type} and {@code piece}, followed, in a data message, by the piece's bytes. The metadata (a torrent's
 * info dictionary) travels in pieces of {@link #PIECE_SIZE}, the last one shorter.
 */
public sealed interface MetadataMessage {

    /** The extension's name in the extension handshake. */
    String EXTENSION = "ut_metadata";
    /** Every piece of the metadata is this long, except the last. */
    int PIECE_SIZE = 16 * 1024;
    /**
     * The largest metadata fetched or accepted: libtorrent's limit (its {@code max_metadata_size}, 30 MiB), so that
     * whatever it can fetch, we can. Real info dictionaries are kilobytes to a few megabytes.
     */
    int MAX_SIZE = 30 << 20;

    int REQUEST = 0;
    int DATA = 1;
    int REJECT = 2;

    /** The piece the message is about. */
    int piece();

    /** The payload of the extended message that carries this. */
    byte[] encode();

    /** The number of pieces of metadata of {@code size} bytes. */
    static int pieceCount(int size) {
        return (size + PIECE_SIZE - 1) / PIECE_SIZE;
    }

    /** The length of piece {@code piece} of metadata of {@code size} bytes. */
    static int pieceLength(int size, int piece) {
        return Math.min(PIECE_SIZE, size - piece * PIECE_SIZE);
    }

    /** A peer asks for a piece. */
    record Request(int piece) implements MetadataMessage {
        @Override
        public byte[] encode() {
            return Bencode.encode(header(REQUEST, piece).build());
        }
    }

    /**
     * A piece of metadata.
     *
     * @param totalSize the size of the whole metadata
     * @param data      the piece's bytes (not copied)
     */
    record Data(int piece, int totalSize, byte[] data) implements MetadataMessage {
        @Override
        public byte[] encode() {
            byte[] dictionary = Bencode.encode(header(DATA, piece).put("total_size", totalSize).build());
            byte[] payload = Arrays.copyOf(dictionary, dictionary.length + data.length);
            System.arraycopy(data, 0, payload, dictionary.length, data.length);
            return payload;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data other && piece == other.piece && totalSize == other.totalSize
                    && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * piece + totalSize) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Data[piece=" + piece + ", totalSize=" + totalSize + ", " + data.length + " bytes]";
        }
    }

    /** A peer will not send a piece (it has no metadata, or it limits how much it sends). */
    record Reject(int piece) implements MetadataMessage {
        @Override
        public byte[] encode() {
            return Bencode.encode(header(REJECT, piece).build());
        }
    }

    /**
     * Decodes a {@code ut_metadata} payload. A message type we do not know is ignored, as BEP 9 asks.
     *
     * @return the message, or empty for an unknown type
     * @throws ProtocolException when it is not a dictionary with a valid type and piece, a data message has no valid
     *                           total size or more than a piece of data, or the piece lies beyond {@link #MAX_SIZE}
     */
    static Optional<MetadataMessage> decode(ByteBuffer payload) throws ProtocolException {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        Decoded decoded;
        try {
            // the dictionary is a handful of small values: a tight budget keeps hostile ones cheap
            decoded = Bencode.decoder().acceptingUnsortedKeys().withLimits(BencodeLimits.DEFAULT.withMaxDepth(2)
                    .withMaxTokens(32).withMaxStringLength(256).withMaxTotalSize(1024)).readPrefix(bytes, 0);
        } catch (BencodeException e) {
            throw new ProtocolException("invalid ut_metadata message: " + e.getMessage());
        }
        if (!(decoded.value() instanceof BDictionary dictionary)) {
            throw new ProtocolException("the ut_metadata message is not a dictionary");
        }
        long type = integer(dictionary, "msg_type");
        long piece = integer(dictionary, "piece");
        if (piece < 0 || piece >= pieceCount(MAX_SIZE)) {
            throw new ProtocolException("ut_metadata piece " + piece + " is beyond the largest metadata accepted");
        }
        return switch ((int) Math.max(-1, Math.min(type, Integer.MAX_VALUE))) {
            case REQUEST -> Optional.of(new Request((int) piece));
            case REJECT -> Optional.of(new Reject((int) piece));
            case DATA -> Optional.of(data(dictionary, (int) piece, bytes, decoded.end()));
            default -> Optional.empty();
        };
    }

    private static Data data(BDictionary dictionary, int piece, byte[] bytes, int dataStart)
            throws ProtocolException {
        long totalSize = integer(dictionary, "total_size");
        if (totalSize <= 0 || totalSize > MAX_SIZE) {
            throw new ProtocolException("ut_metadata total_size " + totalSize + " is not from 1 to " + MAX_SIZE);
        }
        int length = bytes.length - dataStart;
        if (length > PIECE_SIZE) {
            throw new ProtocolException("ut_metadata piece " + piece + " has " + length + " bytes, more than "
                    + PIECE_SIZE);
        }
        return new Data(piece, (int) totalSize, Arrays.copyOfRange(bytes, dataStart, bytes.length));
    }

    private static long integer(BDictionary dictionary, String key) throws ProtocolException {
        if (dictionary.get(key).orElse(null) instanceof BInteger value) {
            return value.value();
        }
        throw new ProtocolException("the ut_metadata message has no integer " + key);
    }

    private static BDictionary.Builder header(int type, int piece) {
        return BDictionary.builder().put("msg_type", type).put("piece", piece);
    }
}
