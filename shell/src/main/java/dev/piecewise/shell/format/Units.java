package dev.piecewise.shell.format;

import java.time.Duration;
import java.util.Locale;

/** Human-readable figures: binary byte units, rates, short durations and percentages. */
public final class Units {

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
