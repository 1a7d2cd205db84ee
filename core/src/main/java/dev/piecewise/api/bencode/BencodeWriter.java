package dev.piecewise.api.bencode;

import java.util.Map;

/**
 * Encodes into an array sized exactly in a first pass, so encoding allocates once. Recursive: values deep enough to
 * matter can only be built by code, and decoded values are bounded by the decoder's depth limit.
 */
final class BencodeWriter {

    private final byte[] out;
    private int pos;

    private BencodeWriter(int length) {
        out = new byte[length];
    }

    static byte[] encode(BValue value) {
        long length = length(value);
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the value encodes to " + length + " bytes, too many for an array");
        }
        BencodeWriter writer = new BencodeWriter((int) length);
        writer.write(value);
        return writer.out;
    }

    private static long length(BValue value) {
        return switch (value) {
            case BString string -> stringLength(string);
            case BInteger integer -> 2 + digits(integer.value());
            case BList list -> {
                long sum = 2;
                for (BValue element : list.values()) {
                    sum += length(element);
                }
                yield sum;
            }
            case BDictionary dictionary -> {
                long sum = 2;
                for (Map.Entry<BString, BValue> entry : dictionary.entries().entrySet()) {
                    sum += stringLength(entry.getKey()) + length(entry.getValue());
                }
                yield sum;
            }
        };
    }

    private static long stringLength(BString string) {
        return digits(string.length()) + 1 + string.length();
    }

    private static int digits(long value) {
        int count = value < 0 ? 2 : 1; // the sign and the last digit
        for (long rest = value / 10; rest != 0; rest /= 10) {
            count++;
        }
        return count;
    }

    private void write(BValue value) {
        switch (value) {
            case BString string -> writeString(string);
            case BInteger integer -> {
                out[pos++] = 'i';
                writeNumber(integer.value());
                out[pos++] = 'e';
            }
            case BList list -> {
                out[pos++] = 'l';
                for (BValue element : list.values()) {
                    write(element);
                }
                out[pos++] = 'e';
            }
            case BDictionary dictionary -> {
                out[pos++] = 'd';
                // entries() is a sorted map in raw-byte order, so keys come out in the order bencoding requires
                for (Map.Entry<BString, BValue> entry : dictionary.entries().entrySet()) {
                    writeString(entry.getKey());
                    write(entry.getValue());
                }
                out[pos++] = 'e';
            }
        }
    }

    private void writeString(BString string) {
        writeNumber(string.length());
        out[pos++] = ':';
        string.copyTo(out, pos);
        pos += string.length();
    }

    private void writeNumber(long value) {
        String digits = Long.toString(value);
        for (int i = 0; i < digits.length(); i++) {
            out[pos++] = (byte) digits.charAt(i);
        }
    }
}
