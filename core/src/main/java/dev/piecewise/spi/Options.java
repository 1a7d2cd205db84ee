package dev.piecewise.spi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * Checked option values for one plugin instance: every declared option has a value (the user's or the default),
 * and nothing undeclared is present.
 */
public final class Options {

    private final Map<String, Object> values;

    private Options(Map<String, Object> values) {
        this.values = values;
    }

    /** The defaults of the given specs. */
    public static Options defaults(List<OptionSpec> specs) {
        return of(specs, Map.of());
    }

    /**
     * Checks what a user typed against the specs.
     *
     * @throws IllegalArgumentException naming the unknown key (and the known ones) or the invalid value
     */
    public static Options of(List<OptionSpec> specs, Map<String, String> typed) {
        var values = new LinkedHashMap<String, Object>();
        for (OptionSpec spec : specs) {
            values.put(spec.key(), spec.defaultValue());
        }
        for (var entry : typed.entrySet()) {
            OptionSpec spec = specs.stream().filter(s -> s.key().equals(entry.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown option '" + entry.getKey() + "'"
                            + (specs.isEmpty() ? "; this plugin takes no options"
                            : "; known: " + specs.stream().map(OptionSpec::key).collect(Collectors.joining(", ")))));
            values.put(spec.key(), spec.parse(entry.getValue()));
        }
        return new Options(Map.copyOf(values));
    }

    public long integer(String key) {
        return get(key, Long.class);
    }

    public double decimal(String key) {
        return get(key, Double.class);
    }

    public boolean flag(String key) {
        return get(key, Boolean.class);
    }

    public Duration duration(String key) {
        return get(key, Duration.class);
    }

    public String text(String key) {
        return get(key, String.class);
    }

    /** The values written as a user would type them, in key order: {@code first=8 window=4}. */
    @Override
    public String toString() {
        return values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + OptionSpec.format(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Options other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    private <T> T get(String key, Class<T> type) {
        Object value = values.get(key);
        if (value == null) {
            throw new NoSuchElementException("no option '" + key + "' is declared");
        }
        return type.cast(value);
    }
}
