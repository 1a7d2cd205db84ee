package dev.piecewise.shell.format;

import dev.piecewise.api.CompareResult;
import dev.piecewise.api.CompareResult.Spread;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A comparison's result as text: the figures as tables, and two compact charts drawn with block characters (the
 * completion-time CDF and the rarest piece's copies over time), one row per strategy on a shared time axis.
 */
public final class CompareText {

    /** Eight heights of a block, lowest first; a space is zero. */
    private static final char[] BLOCKS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
    private static final int MIN_CHART_WIDTH = 20;
    private static final int MAX_CHART_WIDTH = 60;

    private CompareText() {
    }

    /** The table of figures per strategy: medians with quartiles. */
    public static Table summary(CompareResult result) {
        Table table = Table.of("strategy", ">completed", ">completion s", ">first piece s", ">seed copies",
                ">rarest copies", ">upload use", ">duplicates").flexible("strategy");
        for (CompareResult.Strategy s : result.strategies()) {
            table.row(s.strategy(), s.completed() + "/" + s.leechers() * result.runs(),
                    spread(s.completionSeconds(), "%.0f"), spread(s.firstPieceSeconds(), "%.1f"),
                    median(s.seedCopies(), "%.2f"), median(s.rarestCopies(), "%.1f"),
                    s.uploadUtilization().isEmpty() ? "-" : Units.percent(s.uploadUtilization().median()),
                    s.duplicateBytes().isEmpty() ? "-" : Units.bytes(Math.round(s.duplicateBytes().median())));
        }
        return table;
    }

    /** The figures by class of leecher, or an empty table when every strategy has one class only. */
    public static Table classes(CompareResult result) {
        Table table = Table.of("strategy", "class", ">leechers", ">completion s", ">share ratio").flexible("strategy");
        if (result.strategies().stream().allMatch(s -> s.classes().size() < 2)) {
            return table;
        }
        for (CompareResult.Strategy s : result.strategies()) {
            for (CompareResult.PeerClass c : s.classes()) {
                table.row(s.strategy(), c.name(), c.peers(), spread(c.completionSeconds(), "%.0f"),
                        spread(c.shareRatio(), "%.2f"));
            }
        }
        return table;
    }

    /**
     * The completion-time CDF: per strategy, how many of its leechers had completed by each moment, as a row of
     * blocks from 0 (blank) to all of them (full), on a time axis shared by every strategy.
     *
     * @param width the columns available; 0 for no limit
     */
    public static List<String> completionChart(CompareResult result, int width) {
        double end = result.strategies().stream().flatMap(s -> s.completionTimes().stream())
                .mapToDouble(Double::doubleValue).max().orElse(0);
        List<double[]> rows = new ArrayList<>();
        int columns = chartColumns(result, width);
        for (CompareResult.Strategy s : result.strategies()) {
            double total = (double) s.leechers() * result.runs();
            double[] row = new double[columns];
            for (int column = 0; column < columns; column++) {
                double at = end * (column + 1) / columns;
                row[column] = s.completionTimes().stream().filter(t -> t <= at).count() / total;
            }
            rows.add(row);
        }
        return chart(result, rows, 1.0, "completed (of all leechers) by seconds since joining, 0-"
                + String.format(Locale.ROOT, "%.0f", end) + " s:");
    }

    /** The rarest piece's copies among the leechers over time, scaled to the largest value of any strategy. */
    public static List<String> availabilityChart(CompareResult result, int width) {
        double end = result.strategies().stream().flatMap(s -> s.rarestCopiesOverTime().stream())
                .mapToDouble(CompareResult.Point::seconds).max().orElse(0);
        double top = result.strategies().stream().flatMap(s -> s.rarestCopiesOverTime().stream())
                .mapToDouble(CompareResult.Point::value).max().orElse(0);
        int columns = chartColumns(result, width);
        List<double[]> rows = new ArrayList<>();
        for (CompareResult.Strategy s : result.strategies()) {
            double[] row = new double[columns];
            int[] counts = new int[columns];
            for (CompareResult.Point point : s.rarestCopiesOverTime()) {
                int column = end == 0 ? 0 : (int) Math.min(columns - 1, point.seconds() / end * columns);
                row[column] += point.value();
                counts[column]++;
            }
            double last = 0;
            for (int column = 0; column < columns; column++) {
                // a column between two samples shows the last one
                last = counts[column] == 0 ? last : row[column] / counts[column];
                row[column] = last;
            }
            rows.add(row);
        }
        return chart(result, rows, Math.max(top, 1), "copies of the rarest piece among leechers (full = "
                + String.format(Locale.ROOT, "%.1f", Math.max(top, 1)) + ") over 0-"
                + String.format(Locale.ROOT, "%.0f", end) + " s:");
    }

    private static int chartColumns(CompareResult result, int width) {
        int label = labelWidth(result);
        int available = width <= 0 ? MAX_CHART_WIDTH : width - label - 3;
        return Math.max(MIN_CHART_WIDTH, Math.min(MAX_CHART_WIDTH, available));
    }

    private static int labelWidth(CompareResult result) {
        return result.strategies().stream().mapToInt(s -> s.strategy().length()).max().orElse(0);
    }

    private static List<String> chart(CompareResult result, List<double[]> rows, double full, String title) {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        int label = labelWidth(result);
        for (int i = 0; i < rows.size(); i++) {
            StringBuilder line = new StringBuilder(String.format("%-" + label + "s |", Text.printable(
                    result.strategies().get(i).strategy())));
            for (double value : rows.get(i)) {
                line.append(block(value / full));
            }
            lines.add(line.append('|').toString());
        }
        return lines;
    }

    static char block(double fraction) {
        if (!(fraction > 0)) {
            return ' ';
        }
        int level = (int) Math.ceil(Math.min(1, fraction) * BLOCKS.length) - 1;
        return BLOCKS[Math.max(0, level)];
    }

    private static String spread(Spread spread, String format) {
        if (spread.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, format + " [" + format + "-" + format + "]", spread.median(), spread.p25(),
                spread.p75());
    }

    private static String median(Spread spread, String format) {
        return spread.isEmpty() ? "-" : String.format(Locale.ROOT, format, spread.median());
    }
}
