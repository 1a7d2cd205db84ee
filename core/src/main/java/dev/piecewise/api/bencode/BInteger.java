package dev.piecewise.api.bencode;

/** A bencoded integer. */
public record BInteger(long value) implements BValue {
}
