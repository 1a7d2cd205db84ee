package dev.piecewise.api.bencode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One decode over one array. Iterative, with its own stack of open containers, so nesting costs heap (bounded by the
 * depth limit), never the thread's stack.
 */
final class BencodeReader {

    private final byte[] data;
    private final int start;
    /** How far the value may extend: the end of the input, or less when the size limit cuts it short. */
    private final int limit;
    private final int inputEnd;
    private final BencodeLimits limits;
    private final boolean sortedKeys;
    private final byte[] captureKey;

    private int pos;
    private int tokens;
    private Container[] stack = new Container[8];
    private int depth;
    private Decoded.Span captured;

    BencodeReader(byte[] data, int start, int inputEnd, BencodeDecoder decoder) {
        this.data = data;
        this.start = start;
        this.inputEnd = inputEnd;
        this.limits = decoder.limits();
        this.limit = (int) Math.min(inputEnd, (long) start + limits.maxTotalSize());
        this.sortedKeys = decoder.sortedKeys();
        this.captureKey = decoder.captureKey();
        this.pos = start;
    }

    Decoded readWhole() throws BencodeException {
        BValue value = readValue();
        if (pos != inputEnd) {
            throw error(pos, "expected the end of the input after the value, found " + describe(data[pos]) + " and "
                    + (inputEnd - pos - 1) + " more bytes");
        }
        return result(value);
    }

    Decoded readPrefix() throws BencodeException {
        return result(readValue());
    }

    private Decoded result(BValue value) {
        return new Decoded(value, pos, Optional.ofNullable(captured));
    }

    private BValue readValue() throws BencodeException {
        while (true) {
            BValue value;
            Container top = depth == 0 ? null : stack[depth - 1];
            if (top instanceof DictionaryBuilder dictionary && !dictionary.hasKey()) {
                int b = peek("a dictionary key or 'e'");
                if (b == 'e') {
                    pos++;
                    value = pop();
                } else if (isDigit(b)) {
                    readKey(dictionary);
                    continue;
                } else {
                    throw error(pos, "expected a dictionary key (a byte string) or 'e', found " + describe(b));
                }
            } else {
                int b = peek(top instanceof ListBuilder ? "a value or 'e'" : "a value");
                if (b == 'i') {
                    countToken();
                    value = readInteger();
                } else if (isDigit(b)) {
                    countToken();
                    value = BString.wrap(readStringBytes());
                } else if (b == 'l') {
                    countToken();
                    push(new ListBuilder());
                    continue;
                } else if (b == 'd') {
                    countToken();
                    push(new DictionaryBuilder());
                    continue;
                } else if (b == 'e' && top instanceof ListBuilder) {
                    pos++;
                    value = pop();
                } else if (top instanceof DictionaryBuilder dictionary) {
                    throw error(pos, "expected the value of key \"" + printable(dictionary.key.bytes()) + "\", found "
                            + describe(b));
                } else {
                    throw error(pos, "expected a value (a digit, 'i', 'l' or 'd'), found " + describe(b));
                }
            }
            if (depth == 0) {
                return value;
            }
            add(stack[depth - 1], value);
        }
    }

    private void add(Container container, BValue value) {
        if (container instanceof ListBuilder list) {
            list.values.add(value);
            return;
        }
        DictionaryBuilder dictionary = (DictionaryBuilder) container;
        if (depth == 1 && captureKey != null && dictionary.key.hasBytes(captureKey)) {
            captured = new Decoded.Span(dictionary.valueStart, pos);
        }
        dictionary.entries.put(dictionary.key, value);
        dictionary.key = null;
    }

    private void readKey(DictionaryBuilder dictionary) throws BencodeException {
        int keyOffset = pos;
        countToken();
        byte[] keyBytes = readStringBytes();
        if (dictionary.previousKey != null) {
            int order = Arrays.compareUnsigned(dictionary.previousKey, keyBytes);
            if (order == 0 || (!sortedKeys && dictionary.entries.containsKey(BString.wrap(keyBytes)))) {
                throw error(keyOffset, "duplicate dictionary key \"" + printable(keyBytes) + "\"");
            }
            if (order > 0 && sortedKeys) {
                throw error(keyOffset, "dictionary key \"" + printable(keyBytes) + "\" is out of order: keys must"
                        + " be sorted, and it comes after \"" + printable(dictionary.previousKey) + "\"");
            }
        }
        dictionary.previousKey = keyBytes;
        dictionary.key = BString.wrap(keyBytes);
        dictionary.valueStart = pos;
    }

    private BInteger readInteger() throws BencodeException {
        int integerStart = pos;
        pos++;
        boolean negative = peek("a digit or '-' in an integer") == '-';
        if (negative) {
            pos++;
        }
        int first = peek("a digit in an integer");
        if (!isDigit(first)) {
            throw error(pos, "expected a digit in an integer, found " + describe(first));
        }
        if (first == '0') {
            if (negative) {
                throw error(integerStart, "negative zero (\"i-0e\") is not a valid integer");
            }
            pos++;
            int next = peek("'e' at the end of an integer");
            if (isDigit(next)) {
                throw error(pos - 1, "an integer must not have leading zeros");
            }
        }
        // accumulate negatively: the negative range is one larger, so Long.MIN_VALUE needs no special case
        long bound = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long result = 0;
        int b;
        while (isDigit(b = peek("'e' at the end of an integer"))) {
            int digit = b - '0';
            if (result < bound / 10 || result * 10 < bound + digit) {
                throw error(integerStart, "integer does not fit in 64 bits");
            }
            result = result * 10 - digit;
            pos++;
        }
        if (b != 'e') {
            throw error(pos, "expected a digit or 'e' in an integer, found " + describe(b));
        }
        pos++;
        return BInteger.of(negative ? result : -result);
    }

    /** Reads {@code <length>:<bytes>} and returns a fresh array of the bytes, allocated only once they are known to be there. */
    private byte[] readStringBytes() throws BencodeException {
        int lengthStart = pos;
        long length = 0;
        int b;
        while (isDigit(b = peek("':' after a string length"))) {
            if (pos > lengthStart && length == 0) {
                throw error(lengthStart, "a string length must not have leading zeros");
            }
            length = length * 10 + (b - '0');
            if (length > limits.maxStringLength()) {
                throw error(lengthStart, "a string longer than the limit of " + limits.maxStringLength() + " bytes");
            }
            pos++;
        }
        if (b != ':') {
            throw error(pos, "expected ':' after a string length, found " + describe(b));
        }
        pos++;
        if (length > limit - pos) {
            throw limit < inputEnd && length <= inputEnd - pos
                    ? sizeLimitExceeded()
                    : error(lengthStart, "a string of " + length + " bytes, but only " + (inputEnd - pos)
                    + " bytes are left in the input");
        }
        int stringStart = pos;
        pos += (int) length;
        return Arrays.copyOfRange(data, stringStart, pos);
    }

    private int peek(String expected) throws BencodeException {
        if (pos < limit) {
            return data[pos];
        }
        if (limit < inputEnd) {
            throw sizeLimitExceeded();
        }
        throw error(pos, "unexpected end of input: expected " + expected);
    }

    private void countToken() throws BencodeException {
        if (++tokens > limits.maxTokens()) {
            throw error(pos, "more than " + limits.maxTokens() + " values (the limit)");
        }
    }

    private void push(Container container) throws BencodeException {
        if (depth == limits.maxDepth()) {
            throw error(pos, "lists and dictionaries nested more than " + limits.maxDepth() + " deep (the limit)");
        }
        pos++;
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = container;
    }

    private BValue pop() {
        Container container = stack[--depth];
        stack[depth] = null;
        return container.build();
    }

    private BencodeException sizeLimitExceeded() {
        return error(start, "the value is longer than the limit of " + limits.maxTotalSize() + " bytes");
    }

    private static BencodeException error(int offset, String problem) {
        return new BencodeException(offset, problem);
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private static String describe(int b) {
        return b > 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
    }

    /** A key for a message: printable ASCII kept, the rest escaped, long keys cut. */
    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 40); i++) {
            int b = bytes[i] & 0xff;
            text.append(b >= 0x20 && b < 0x7f && b != '"' && b != '\\' ? String.valueOf((char) b)
                    : String.format("\\x%02x", b));
        }
        return bytes.length > 40 ? text + "..." : text.toString();
    }

    private sealed interface Container permits ListBuilder, DictionaryBuilder {
        BValue build();
    }

    private static final class ListBuilder implements Container {
        final ArrayList<BValue> values = new ArrayList<>();

        @Override
        public BValue build() {
            return new BList(values);
        }
    }

    private static final class DictionaryBuilder implements Container {
        final TreeMap<BString, BValue> entries = new TreeMap<>();
        byte[] previousKey;
        BString key;
        int valueStart;

        boolean hasKey() {
            return key != null;
        }

        @Override
        public BValue build() {
            return new BDictionary(entries);
        }
    }
}
