package dev.piecewise.api.bencode;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bencode decoder on arbitrary bytes, in each of its modes: strict, lenient with the info dictionary captured (as
 * torrent files are read), prefix (as BEP 9 metadata messages are read) and with tight limits. Only
 * {@link BencodeException} may come out, and what decodes must be consistent: strict input is canonical, so it
 * encodes back to the same bytes; a captured span holds the captured value; a prefix ends inside the input; no result
 * goes past the limits it was decoded under.
 */
class BencodeFuzzTest {

    private static final BencodeLimits TIGHT = new BencodeLimits(3, 16, 32, 256);

    @FuzzTest
    void decode(byte[] input) {
        strict(input);
        lenientCapturingInfo(input);
        prefix(input);
        tight(input);
    }

    private static void strict(byte[] input) {
        BValue value;
        try {
            value = Bencode.decode(input);
        } catch (BencodeException expected) {
            return;
        }
        assertArrayEquals(input, Bencode.encode(value), "strictly decoded input is canonical bencoding");
    }

    private static void lenientCapturingInfo(byte[] input) {
        Decoded decoded;
        try {
            decoded = Bencode.decoder().acceptingUnsortedKeys().capturing("info").read(input, 0, input.length);
        } catch (BencodeException expected) {
            return;
        }
        assertEquals(input.length, decoded.end());
        Optional<BValue> info = decoded.value() instanceof BDictionary root ? root.get("info") : Optional.empty();
        assertEquals(info.isPresent(), decoded.captured().isPresent(), "a span exactly when there is an info entry");
        if (info.isPresent()) {
            byte[] span = decoded.captured().get().copyOf(input);
            assertEquals(info.get(), decodeLeniently(span), "the captured span holds the info value");
        }
        assertEquals(decoded.value(), decodeStrictly(Bencode.encode(decoded.value())), "encoding round-trips");
    }

    private static void prefix(byte[] input) {
        Decoded decoded;
        try {
            decoded = Bencode.decoder().readPrefix(input, 0);
        } catch (BencodeException expected) {
            return;
        }
        assertTrue(decoded.end() > 0 && decoded.end() <= input.length, "the prefix ends inside the input");
        assertEquals(decoded.value(), decodeStrictly(Arrays.copyOf(input, decoded.end())), "the prefix alone decodes");
    }

    private static void tight(byte[] input) {
        BValue value;
        try {
            value = Bencode.decoder().withLimits(TIGHT).decode(input);
        } catch (BencodeException expected) {
            return;
        }
        assertTrue(input.length <= TIGHT.maxTotalSize(), "total size within the limit");
        Shape shape = Shape.of(value, 0);
        assertTrue(shape.depth <= TIGHT.maxDepth(), "nesting within the limit: " + shape.depth);
        assertTrue(shape.tokens <= TIGHT.maxTokens(), "values within the limit: " + shape.tokens);
        assertTrue(shape.longestString <= TIGHT.maxStringLength(), "strings within the limit");
    }

    private static BValue decodeStrictly(byte[] data) {
        try {
            return Bencode.decode(data);
        } catch (BencodeException e) {
            throw new AssertionError("valid bencoding was refused: " + e.getMessage(), e);
        }
    }

    private static BValue decodeLeniently(byte[] data) {
        try {
            return Bencode.decoder().acceptingUnsortedKeys().decode(data);
        } catch (BencodeException e) {
            throw new AssertionError("a captured span does not decode: " + e.getMessage(), e);
        }
    }

    /** How deep a value nests, how many values (keys included) it holds and its longest string. */
    private record Shape(int depth, int tokens, int longestString) {

        static Shape of(BValue value, int level) {
            return switch (value) {
                case BString s -> new Shape(level, 1, s.length());
                case BInteger i -> new Shape(level, 1, 0);
                case BList list -> list.values().stream().map(v -> of(v, level + 1))
                        .reduce(new Shape(level + 1, 1, 0), Shape::plus);
                case BDictionary dictionary -> dictionary.entries().entrySet().stream()
                        .map(e -> of(e.getKey(), level + 1).plus(of(e.getValue(), level + 1)))
                        .reduce(new Shape(level + 1, 1, 0), Shape::plus);
            };
        }

        Shape plus(Shape other) {
            return new Shape(Math.max(depth, other.depth), tokens + other.tokens,
                    Math.max(longestString, other.longestString));
        }
    }
}
