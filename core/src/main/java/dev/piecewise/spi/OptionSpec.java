package dev.piecewise.spi;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One option a provider accepts, with its type, default, bounds and a one-line description. Users set options as
 * {@code key=value} (for example {@code strategy random-first first=8}); {@link #parse} turns the text into a value or
 * explains what is wrong with it.
 *
 * @param key          lowercase, hyphenated, unique within the provider
 * @param type         how the value is written and read
 * @param defaultValue the value when the user sets none, in the option's own type
 * @param min          smallest accepted value for numbers and durations (inclusive), or {@code null}
 * @param max          largest accepted value for numbers and durations (inclusive), or {@code null}
 * @param description  one line for {@code --help}
 */
public record OptionSpec(String key, Type type, Object defaultValue, Comparable<?> min, Comparable<?> max,
                         String description) {

    /** How an option's value is written: {@code 8}, {@code 0.25}, {@code true}, {@code 10s}/{@code 500ms}/{@code 2m}, text. */
    public enum Type { INTEGER, DECIMAL, FLAG, DURATION, TEXT }

    public OptionSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!key.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("option key must be lowercase words joined by hyphens: " + key);
        }
    }

    public static OptionSpec integer(String key, long defaultValue, long min, long max, String description) {
        return new OptionSpec(key, Type.INTEGER, defaultValue, min, max, description);
    }

    public static OptionSpec decimal(String key, double defaultValue, double min, double max, String description) {
        return new OptionSpec(key, Type.DECIMAL, defaultValue, min, max, description);
    }

    public static OptionSpec flag(String key, boolean defaultValue, String description) {
        return new OptionSpec(key, Type.FLAG, defaultValue, null, null, description);
    }

    public static OptionSpec duration(String key, Duration defaultValue, Duration min, Duration max,
                                      String description) {
        return new OptionSpec(key, Type.DURATION, defaultValue, min, max, description);
    }

    public static OptionSpec text(String key, String defaultValue, String description) {
        return new OptionSpec(key, Type.TEXT, defaultValue, null, null, description);
    }

    /**
     * Parses what a user typed for this option.
     *
     * @throws IllegalArgumentException with a message that names the option, the value and what was expected
     */
    public Object parse(String text) {
        Object value = switch (type) {
            case INTEGER -> parseOrExplain(text, "a whole number", () -> Long.parseLong(text.strip()));
            case DECIMAL -> parseOrExplain(text, "a number", () -> Double.parseDouble(text.strip()));
            case FLAG -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw invalid(text, "true or false");
            };
            case DURATION -> parseOrExplain(text, "a duration such as 500ms, 10s or 2m", () -> parseDuration(text));
            case TEXT -> text;
        };
        checkBounds(text, value);
        return value;
    }

    /** The default written the way a user would type it. */
    public String defaultText() {
        return format(defaultValue);
    }

    /** A value of this option written the way a user would type it. */
    public static String format(Object value) {
        if (value instanceof Duration d) {
            if (d.toMillis() % 60_000 == 0 && !d.isZero()) {
                return d.toMinutes() + "m";
            }
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
        }
        return String.valueOf(value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void checkBounds(String text, Object value) {
        if (min != null && ((Comparable) value).compareTo(widen(min, value)) < 0
                || max != null && ((Comparable) value).compareTo(widen(max, value)) > 0) {
            throw invalid(text, "a value from " + format(min) + " to " + format(max));
        }
    }

    private static Object widen(Comparable<?> bound, Object like) {
        if (like instanceof Long && bound instanceof Number n) {
            return n.longValue();
        }
        if (like instanceof Double && bound instanceof Number n) {
            return n.doubleValue();
        }
        return bound;
    }

    private static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new NumberFormatException(t);
        };
    }

    private interface Parser {
        Object parse();
    }

    private Object parseOrExplain(String text, String expected, Parser parser) {
        try {
            return parser.parse();
        } catch (RuntimeException e) {
            throw invalid(text, expected);
        }
    }

    private IllegalArgumentException invalid(String text, String expected) {
        return new IllegalArgumentException("option " + key + ": '" + text + "' is not " + expected);
    }
}
