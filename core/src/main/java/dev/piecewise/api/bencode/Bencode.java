package dev.piecewise.api.bencode;

/**
 * Bencoding (BEP 3): {@link #decode(byte[]) strict decoding} with {@link BencodeLimits#DEFAULT default limits} and
 * canonical encoding (dictionary keys sorted as raw bytes, shortest integers). Use {@link #decoder()} for other
 * limits, prefix decoding or capturing the exact bytes of an entry.
 */
public final class Bencode {

    private Bencode() {
    }

    /** Decodes {@code data}, which must hold exactly one strictly valid value within the default limits. */
    public static BValue decode(byte[] data) throws BencodeException {
        return BencodeDecoder.strict().decode(data);
    }

    /** The strict decoder with default limits, to adjust. */
    public static BencodeDecoder decoder() {
        return BencodeDecoder.strict();
    }

    /** The canonical encoding of {@code value}. */
    public static byte[] encode(BValue value) {
        return BencodeWriter.encode(value);
    }
}
