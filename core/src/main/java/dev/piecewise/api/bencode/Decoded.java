package dev.piecewise.api.bencode;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a decode: the value, where it ended, and the exact bytes of a captured entry.
 *
 * @param value    the decoded value
 * @param end      the index just after the value in the decoded array (where raw data after a prefix starts)
 * @param captured where the value of the captured top-level dictionary entry lies in the decoded array, when the
 *                 decoder was asked to capture one ({@link BencodeDecoder#capturing(String)}) and the key was present
 */
public record Decoded(BValue value, int end, Optional<Span> captured) {

    public Decoded {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(captured, "captured");
    }

    /**
     * A range of the decoded array.
     *
     * @param start the index of its first byte
     * @param end   the index just after its last byte
     */
    public record Span(int start, int end) {

        public Span {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("not a span: " + start + ".." + end);
            }
        }

        /** A copy of these bytes of {@code data}. */
        public byte[] copyOf(byte[] data) {
            return Arrays.copyOfRange(data, start, end);
        }

        public int length() {
            return end - start;
        }
    }
}
