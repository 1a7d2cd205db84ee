package dev.piecewise.api.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A bencoded byte string; ordered as bencoding orders dictionary keys (raw bytes, unsigned). */
public final class BString implements BValue, Comparable<BString> {

    private static final BString EMPTY = new BString(new byte[0]);

    private final byte[] bytes;

    private BString(byte[] bytes) {
        this.bytes = bytes;
    }

    public static BString of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new BString(bytes.clone());
    }

    public static BString of(String text) {
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes ownership of {@code bytes}: the decoder hands over arrays nobody else holds, so no copy is needed. */
    static BString wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new BString(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The bytes read as UTF-8 (malformed sequences become U+FFFD). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether these bytes equal the UTF-8 encoding of {@code text}. */
    public boolean is(String text) {
        return Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8));
    }

    boolean hasBytes(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    /** Copies the bytes into {@code target} at {@code offset}, for encoders that avoid a copy per string. */
    void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    @Override
    public int compareTo(BString other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return text();
    }
}
