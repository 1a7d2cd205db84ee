package dev.piecewise.api.bencode;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Encodes iteratively, with its own stack of open lists and dictionaries, so that a value as deep as the decoder may
 * build (or deeper, built by code) never overflows the thread's stack.
 */
final class BencodeWriter {

    private byte[] out = new byte[256];
    private int pos;

    private BencodeWriter() {
    }

    static byte[] encode(BValue value) {
        BencodeWriter writer = new BencodeWriter();
        writer.write(value);
        return Arrays.copyOf(writer.out, writer.pos);
    }

    private void write(BValue root) {
        // holds iterators over list values and over dictionary entries; an entry writes its key, then its value
        Deque<Iterator<?>> open = new ArrayDeque<>();
        Object next = root;
        while (true) {
            switch (next) {
                case BString string -> writeString(string);
                case BInteger integer -> {
                    put('i');
                    writeNumber(integer.value());
                    put('e');
                }
                case BList list -> {
                    put('l');
                    open.push(list.values().iterator());
                }
                case BDictionary dictionary -> {
                    put('d');
                    // a sorted map in raw-byte order: keys come out in the order bencoding requires
                    open.push(dictionary.entries().entrySet().iterator());
                }
                case Map.Entry<?, ?> entry -> {
                    writeString((BString) entry.getKey());
                    next = entry.getValue();
                    continue;
                }
                default -> throw new IllegalStateException("not a bencode value: " + next);
            }
            while (!open.isEmpty() && !open.peek().hasNext()) {
                open.pop();
                put('e');
            }
            if (open.isEmpty()) {
                return;
            }
            next = open.peek().next();
        }
    }

    private void writeString(BString string) {
        writeNumber(string.length());
        put(':');
        ensure(string.length());
        string.copyTo(out, pos);
        pos += string.length();
    }

    private void writeNumber(long value) {
        String digits = Long.toString(value);
        ensure(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            out[pos++] = (byte) digits.charAt(i);
        }
    }

    private void put(char c) {
        ensure(1);
        out[pos++] = (byte) c;
    }

    private void ensure(int more) {
        if (out.length - pos < more) {
            long wanted = Math.max((long) out.length * 2, (long) pos + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the value encodes to more bytes than an array can hold");
            }
            out = Arrays.copyOf(out, (int) wanted);
        }
    }
}
