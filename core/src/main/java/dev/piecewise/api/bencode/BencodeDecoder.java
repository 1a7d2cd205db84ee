package dev.piecewise.api.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A strict bencode decoder over byte arrays: no leading zeros, no {@code -0}, no empty integer, integers within
 * {@code long}, dictionary keys strictly ascending, and by default nothing after the value. Every problem, including
 * input past a {@link BencodeLimits limit}, is a {@link BencodeException} naming the byte offset; no input can cause
 * an unchecked exception, a stack overflow or an unbounded allocation (strings are only allocated once their whole
 * length is known to be present).
 *
 * <p>Instances are immutable and thread-safe; the {@code with...}/{@code accepting...}/{@code capturing} methods
 * return adjusted copies. Offsets in errors and results are indices into the array passed in.
 */
public final class BencodeDecoder {

    private static final BencodeDecoder STRICT = new BencodeDecoder(BencodeLimits.DEFAULT, true, null);

    private final BencodeLimits limits;
    private final boolean sortedKeys;
    private final byte[] captureKey;

    private BencodeDecoder(BencodeLimits limits, boolean sortedKeys, byte[] captureKey) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.sortedKeys = sortedKeys;
        this.captureKey = captureKey;
    }

    /** A strict decoder with {@link BencodeLimits#DEFAULT the default limits}. */
    public static BencodeDecoder strict() {
        return STRICT;
    }

    public BencodeDecoder withLimits(BencodeLimits newLimits) {
        return new BencodeDecoder(newLimits, sortedKeys, captureKey);
    }

    /**
     * Accepts dictionary keys in any order (duplicates are still refused). Real torrent files sometimes have unsorted
     * keys and established clients accept them; such a file's info-hash must then come from its original bytes, which
     * {@link #capturing(String)} provides.
     */
    public BencodeDecoder acceptingUnsortedKeys() {
        return new BencodeDecoder(limits, false, captureKey);
    }

    /**
     * Records where the value of {@code key} in the top-level dictionary lies in the input, e.g. a torrent's
     * {@code info} dictionary, whose SHA-1 over its exact bytes is the info-hash.
     */
    public BencodeDecoder capturing(String key) {
        return new BencodeDecoder(limits, sortedKeys, key.getBytes(StandardCharsets.UTF_8));
    }

    public BencodeLimits limits() {
        return limits;
    }

    /** Decodes {@code data}, which must hold exactly one value. */
    public BValue decode(byte[] data) throws BencodeException {
        return read(data, 0, data.length).value();
    }

    /** Decodes {@code data[offset, offset + length)}, which must hold exactly one value. */
    public Decoded read(byte[] data, int offset, int length) throws BencodeException {
        checkRange(data, offset, length);
        if (length > limits.maxTotalSize()) {
            throw new BencodeException(offset, "the input is " + length + " bytes, over the limit of "
                    + limits.maxTotalSize() + " bytes");
        }
        return new BencodeReader(data, offset, offset + length, this).readWhole();
    }

    /**
     * Decodes the value that starts at {@code offset} and returns it with the index where it ended; whatever follows
     * (the raw piece data of a BEP 9 metadata message, say) is left alone.
     */
    public Decoded readPrefix(byte[] data, int offset) throws BencodeException {
        checkRange(data, offset, data.length - offset);
        return new BencodeReader(data, offset, data.length, this).readPrefix();
    }

    boolean sortedKeys() {
        return sortedKeys;
    }

    byte[] captureKey() {
        return captureKey;
    }

    private static void checkRange(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
    }
}
