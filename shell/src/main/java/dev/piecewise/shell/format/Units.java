package dev.piecewise.shell.format;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human-readable figures: binary byte units, rates, short durations and percentages. */
public final class Units {

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:([kKmMgG])(?:iB|B)?|B)?");
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 12.3 MiB}, {@code 1.50 GiB}: three significant digits from KiB up. */
    public static String bytes(long count) {
        if (count < 0) {
            return "-" + bytes(-count);
        }
        if (count < 1024) {
            return count + " B";
        }
        double value = count;
        int unit = 0;
        while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.95 KiB would round to "1024 KiB": show the next unit instead
        if (value >= 999.95 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String digits = value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, digits, value) + " " + BYTE_UNITS[unit];
    }

    /** A transfer rate in bytes per second: {@code 1.20 MiB/s}; {@code 0 B/s} when idle. */
    public static String rate(double bytesPerSecond) {
        return bytes(Math.round(Math.max(0, bytesPerSecond))) + "/s";
    }

    /**
     * Reads a rate as users write it: bytes per second, optionally with a binary unit ({@code 64k}, {@code 64KiB},
     * {@code 1.5M}, {@code 2MiB/s}, {@code 512}).
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static long parseRate(String text) {
        String t = text.strip();
        if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2);
        }
        Matcher m = RATE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a rate; write bytes per second such as 512,"
                    + " 64k or 1.5M");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        double scale = switch (unit) {
            case "k" -> 1024;
            case "m" -> 1024 * 1024;
            case "g" -> 1024.0 * 1024 * 1024;
            default -> 1;
        };
        double bytes = value * scale;
        if (bytes < 1 || bytes > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("'" + text + "' is out of range");
        }
        return Math.round(bytes);
    }

    /** {@code 42.3%}, rounded to the nearest tenth, but never 100% before the end. */
    public static String percent(double fraction) {
        double clamped = Math.max(0, Math.min(1, fraction));
        double shown = Math.min(Math.round(clamped * 1000) / 10.0, clamped < 1 ? 99.9 : 100);
        return String.format(Locale.ROOT, "%.1f%%", shown);
    }

    /** {@code 850ms}, {@code 45s}, {@code 3m 12s}, {@code 1h 05m}, {@code 2d 03h}. */
    public static String duration(Duration d) {
        if (d.isNegative()) {
            return "-" + duration(d.negated());
        }
        long seconds = d.toSeconds();
        if (seconds < 1) {
            return d.toMillis() + "ms";
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }
}
