package dev.piecewise.api.bencode;

/** A bencoded integer (any {@code long}). */
public record BInteger(long value) implements BValue {

    public static BInteger of(long value) {
        return new BInteger(value);
    }
}
