package dev.piecewise.shell.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A text table with a header row, columns aligned left or right and separated by two spaces. One column may be marked
 * flexible: when the table is wider than the space available, that column is shortened with an ellipsis, so the
 * other columns stay whole and aligned.
 */
public final class Table {

    /** How a column's cells are aligned. */
    public enum Align { LEFT, RIGHT }

    private static final String GAP = "  ";
    private static final String ELLIPSIS = "…";
    private static final int MIN_FLEXIBLE_WIDTH = 8;

    private final String[] headers;
    private final Align[] aligns;
    private final List<String[]> rows = new ArrayList<>();
    private int flexibleColumn = -1;

    private Table(String[] headers, Align[] aligns) {
        this.headers = headers;
        this.aligns = aligns;
    }

    /**
     * Starts a table. A header that starts with {@code >} makes a right-aligned column (numbers); the marker is not
     * shown.
     */
    public static Table of(String... headers) {
        String[] names = new String[headers.length];
        Align[] aligns = new Align[headers.length];
        for (int i = 0; i < headers.length; i++) {
            boolean right = headers[i].startsWith(">");
            names[i] = right ? headers[i].substring(1) : headers[i];
            aligns[i] = right ? Align.RIGHT : Align.LEFT;
        }
        return new Table(names, aligns);
    }

    /** Marks the column (by header name) that is shortened when the table does not fit. */
    public Table flexible(String header) {
        int index = Arrays.asList(headers).indexOf(header);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + header);
        }
        flexibleColumn = index;
        return this;
    }

    public Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells, got " + cells.length);
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = Text.printable(Objects.toString(cells[i], ""));
        }
        rows.add(text);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * The table as lines without trailing spaces.
     *
     * @param maxWidth the columns available; 0 or less for no limit
     */
    public List<String> render(int maxWidth) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        if (maxWidth > 0 && flexibleColumn >= 0) {
            int total = Arrays.stream(widths).sum() + GAP.length() * (widths.length - 1);
            int excess = total - maxWidth;
            if (excess > 0) {
                widths[flexibleColumn] = Math.max(Math.min(MIN_FLEXIBLE_WIDTH, widths[flexibleColumn]),
                        widths[flexibleColumn] - excess);
            }
        }
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(line(headers, widths));
        for (String[] row : rows) {
            lines.add(line(row, widths));
        }
        return lines;
    }

    private String line(String[] cells, int[] widths) {
        var out = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = fit(cells[i], widths[i]);
            String padding = " ".repeat(widths[i] - cell.length());
            if (i > 0) {
                out.append(GAP);
            }
            out.append(aligns[i] == Align.RIGHT ? padding + cell : cell + padding);
        }
        return out.toString().stripTrailing();
    }

    private static String fit(String cell, int width) {
        return cell.length() <= width ? cell : cell.substring(0, Math.max(0, width - 1)) + ELLIPSIS;
    }
}
