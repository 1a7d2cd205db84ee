package dev.piecewise.api.bencode;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** A bencoded dictionary: byte-string keys in sorted order. */
public record BDictionary(SortedMap<BString, BValue> entries) implements BValue {

    public BDictionary {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** The value under a key given as text (UTF-8), if present. */
    public Optional<BValue> get(String key) {
        return Optional.ofNullable(entries.get(BString.of(key)));
    }
}
