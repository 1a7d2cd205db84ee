package dev.piecewise.core.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A 20-byte peer id. Ours is in the Azureus style most clients use: {@code -PW0100-} (a dash, the two-letter client
 * code {@code PW}, four version characters major, minor, patch, build, a dash) followed by 12 random characters from
 * {@code [0-9A-Za-z]} so the id prints cleanly in logs and tracker URLs.
 */
public final class PeerId {

    public static final int LENGTH = 20;
    /** Our client prefix: Piecewise 0.1.0.0. */
    public static final String PREFIX = "-PW0100-";

    private static final String RANDOM_CHARACTERS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final byte[] bytes;

    private PeerId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PeerId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a peer id has 20 bytes, not " + bytes.length);
        }
        return new PeerId(bytes.clone());
    }

    /** A fresh id for this client: our prefix and 12 random characters. */
    public static PeerId generate(RandomGenerator random) {
        byte[] id = new byte[LENGTH];
        byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, id, 0, prefix.length);
        for (int i = prefix.length; i < LENGTH; i++) {
            id[i] = (byte) RANDOM_CHARACTERS.charAt(random.nextInt(RANDOM_CHARACTERS.length()));
        }
        return new PeerId(id);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The client that made this id, such as {@code libtorrent 2.0.8}, as far as its style is known. */
    public String clientName() {
        return ClientNames.decode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The id with unprintable bytes escaped. */
    @Override
    public String toString() {
        var text = new StringBuilder(LENGTH);
        for (byte b : bytes) {
            text.append(b >= 0x20 && b < 0x7f ? Character.toString(b) : String.format("%%%02X", b & 0xff));
        }
        return text.toString();
    }
}
