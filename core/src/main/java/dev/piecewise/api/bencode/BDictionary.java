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

    /** A builder that keeps keys sorted whatever order they are put in; a key put twice keeps the last value. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BDictionary} one entry at a time. */
    public static final class Builder {

        private final TreeMap<BString, BValue> entries = new TreeMap<>();

        private Builder() {
        }

        public Builder put(String key, BValue value) {
            entries.put(BString.of(key), value);
            return this;
        }

        public Builder put(String key, String text) {
            return put(key, BString.of(text));
        }

        public Builder put(String key, byte[] bytes) {
            return put(key, BString.of(bytes));
        }

        public Builder put(String key, long value) {
            return put(key, BInteger.of(value));
        }

        public BDictionary build() {
            return new BDictionary(entries);
        }
    }
}
