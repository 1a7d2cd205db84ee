package dev.piecewise.api.bencode;

/**
 * Input that is not strictly valid bencoding, or that exceeds a {@link BencodeLimits limit}. The message names the
 * byte offset and what was expected there, e.g. {@code at byte 17: expected ':' after a string length}.
 */
public final class BencodeException extends Exception {

    private final long offset;

    public BencodeException(long offset, String problem) {
        super("at byte " + offset + ": " + problem);
        this.offset = offset;
    }

    /** The index, in the array that was decoded, of the byte where the problem was found. */
    public long offset() {
        return offset;
    }
}
