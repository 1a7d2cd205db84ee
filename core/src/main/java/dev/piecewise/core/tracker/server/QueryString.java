package dev.piecewise.core.tracker.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a raw query string, percent-decoded to bytes: BEP 3 sends the info-hash and peer id as raw
 * bytes, which no text decoding may touch. A {@code +} is kept as it is (clients percent-encode it).
 */
final class QueryString {

    /** A query that cannot be read, with what is wrong. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private final Map<String, List<byte[]>> parameters;

    private QueryString(Map<String, List<byte[]>> parameters) {
        this.parameters = parameters;
    }

    static QueryString parse(String rawQuery) throws Invalid {
        var parameters = new LinkedHashMap<String, List<byte[]>>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = new String(decode(equals < 0 ? pair : pair.substring(0, equals)), StandardCharsets.UTF_8);
                byte[] value = equals < 0 ? new byte[0] : decode(pair.substring(equals + 1));
                parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new QueryString(parameters);
    }

    /** The first value of a parameter, if given. */
    Optional<byte[]> bytes(String name) {
        List<byte[]> values = parameters.get(name);
        return values == null ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Every value of a parameter given several times (a scrape's info_hash). */
    List<byte[]> all(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    /** A required parameter of an exact length in bytes. */
    byte[] bytes(String name, int length) throws Invalid {
        byte[] value = bytes(name).orElseThrow(() -> new Invalid("missing " + name));
        if (value.length != length) {
            throw new Invalid(name + " must be " + length + " bytes, not " + value.length);
        }
        return value;
    }

    Optional<String> text(String name) {
        return bytes(name).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent, or an error if it is null. */
    long number(String name, long min, long max, Long fallback) throws Invalid {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            if (fallback == null) {
                throw new Invalid("missing " + name);
            }
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value < min || value > max) {
                throw new Invalid(name + " must be from " + min + " to " + max + ", not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Invalid(name + " is not a whole number: " + text.get());
        }
    }

    private static byte[] decode(String encoded) throws Invalid {
        var out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '%') {
                if (c > 0x7f) {
                    throw new Invalid("a query must be ASCII");
                }
                out.write(c);
                continue;
            }
            if (i + 2 >= encoded.length() || !HexFormat.isHexDigit(encoded.charAt(i + 1))
                    || !HexFormat.isHexDigit(encoded.charAt(i + 2))) {
                throw new Invalid("invalid percent-encoding at '" + encoded.substring(i, Math.min(encoded.length(),
                        i + 3)) + "'");
            }
            out.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
            i += 2;
        }
        return out.toByteArray();
    }
}
