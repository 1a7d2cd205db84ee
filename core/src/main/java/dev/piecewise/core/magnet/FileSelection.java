package dev.piecewise.core.magnet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files a magnet link selects (BEP 53, {@code so=0,2,4-6}): indexes into the torrent's file list, in the order of
 * the info dictionary, as sorted, merged, inclusive ranges. Stored as ranges, so {@code so=0-2000000000} costs nothing.
 *
 * @param ranges disjoint, non-adjacent and in ascending order
 */
public record FileSelection(List<Range> ranges) {

    /** The largest file index accepted; no torrent the parser reads has more files. */
    public static final int MAX_INDEX = Integer.MAX_VALUE - 1;

    /** Files {@code first} to {@code last}, both included. */
    public record Range(int first, int last) {
        public Range {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("invalid file range " + first + "-" + last);
            }
        }

        @Override
        public String toString() {
            return first == last ? Integer.toString(first) : first + "-" + last;
        }
    }

    public FileSelection {
        ranges = List.copyOf(ranges);
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a file selection selects at least one file");
        }
        for (int i = 1; i < ranges.size(); i++) {
            if ((long) ranges.get(i - 1).last() + 1 >= ranges.get(i).first()) {
                throw new IllegalArgumentException("file ranges must be sorted and apart: " + ranges);
            }
        }
    }

    /**
     * Parses the value of {@code so}: indexes and inclusive ranges separated by commas, in any order, overlapping or
     * not.
     */
    static FileSelection parse(String value) throws MagnetException {
        List<Range> ranges = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            ranges.add(range(item.strip(), value));
        }
        ranges.sort(Comparator.comparingInt(Range::first));
        List<Range> merged = new ArrayList<>();
        for (Range range : ranges) {
            Range last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && (long) last.last() + 1 >= range.first()) {
                merged.set(merged.size() - 1, new Range(last.first(), Math.max(last.last(), range.last())));
            } else {
                merged.add(range);
            }
        }
        return new FileSelection(merged);
    }

    private static Range range(String item, String value) throws MagnetException {
        int dash = item.indexOf('-');
        int first = index(dash < 0 ? item : item.substring(0, dash), value);
        int last = dash < 0 ? first : index(item.substring(dash + 1), value);
        if (last < first) {
            throw new MagnetException("so \"" + value + "\" has the range " + item + ", which ends before it starts");
        }
        return new Range(first, last);
    }

    private static int index(String digits, String value) throws MagnetException {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MagnetException("so \"" + value + "\" is not a list of file numbers and ranges such as 0,2,4-6");
        }
        long index = Long.parseLong(digits);
        if (index > MAX_INDEX) {
            throw new MagnetException("so \"" + value + "\" names file " + digits + ", beyond any torrent");
        }
        return (int) index;
    }

    /** Whether file {@code index} is selected. */
    public boolean contains(int index) {
        int low = 0;
        int high = ranges.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Range range = ranges.get(middle);
            if (index < range.first()) {
                high = middle - 1;
            } else if (index > range.last()) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The selection as {@code so} writes it: {@code 0,2,4-6}. */
    @Override
    public String toString() {
        return String.join(",", ranges.stream().map(Range::toString).toList());
    }
}
