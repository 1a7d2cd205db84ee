package dev.piecewise.api.bencode;

import java.util.List;

/** A bencoded list. */
public record BList(List<BValue> values) implements BValue {

    public BList {
        values = List.copyOf(values);
    }

    public static BList of(BValue... values) {
        return new BList(List.of(values));
    }
}
