package dev.piecewise.core.metainfo;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BInteger;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;

import java.util.Optional;

/** Typed reads of a torrent's dictionaries, failing with a message that says which entry of which dictionary. */
final class Fields {

    private final String source;
    private final BDictionary dictionary;
    private final String where;

    /**
     * @param source     the torrent, for messages
     * @param dictionary the dictionary to read
     * @param where      what the dictionary is, for messages: "the info dictionary", "file #3"
     */
    Fields(String source, BDictionary dictionary, String where) {
        this.source = source;
        this.dictionary = dictionary;
        this.where = where;
    }

    Optional<Long> integer(String key) throws MetainfoException {
        return typed(key, BInteger.class, "an integer").map(BInteger::value);
    }

    long requiredInteger(String key) throws MetainfoException {
        return integer(key).orElseThrow(() -> missing(key));
    }

    Optional<BString> string(String key) throws MetainfoException {
        return typed(key, BString.class, "a string");
    }

    Optional<BList> list(String key) throws MetainfoException {
        return typed(key, BList.class, "a list");
    }

    BList requiredList(String key) throws MetainfoException {
        return list(key).orElseThrow(() -> missing(key));
    }

    /** The value of {@code preferred} if it is a string, else of {@code fallback} (e.g. {@code name.utf-8}). */
    Optional<BString> preferredString(String preferred, String fallback) throws MetainfoException {
        return dictionary.get(preferred).orElse(null) instanceof BString value ? Optional.of(value) : string(fallback);
    }

    MetainfoException fail(String problem) {
        return new MetainfoException(source, problem);
    }

    private MetainfoException missing(String key) {
        return fail(where + " has no \"" + key + "\"");
    }

    private <T extends BValue> Optional<T> typed(String key, Class<T> type, String expected)
            throws MetainfoException {
        Optional<BValue> value = dictionary.get(key);
        if (value.isPresent() && !type.isInstance(value.get())) {
            throw fail("\"" + key + "\" in " + where + " is not " + expected);
        }
        return value.map(type::cast);
    }
}
