package dev.piecewise.core.compare;

import dev.piecewise.api.CompareResult;
import dev.piecewise.api.CompareResult.Spread;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A comparison as one self-contained HTML page: the setup, a table of medians and quartiles per strategy, the same
 * by class of leecher, and two inline SVG charts (completion-time CDF, copies of the rarest piece over time). No
 * script, no stylesheet or font from the network: it opens offline and prints as it shows.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(CompareResult result) {
        StringBuilder html = new StringBuilder();
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>%s</title>
                <style>
                body{font-family:sans-serif;margin:2em;max-width:60em;color:#222}
                table{border-collapse:collapse;margin:1em 0}th,td{padding:.3em .7em;border-bottom:1px solid #ccc;\
                text-align:right}th:first-child,td:first-child{text-align:left}small{color:#666}
                .note{background:#fff4d6;padding:.5em 1em;border-left:4px solid #e69f00}
                </style></head><body>
                """.formatted(escape("Piecewise strategy comparison: " + result.torrent())));
        html.append("<h1>Strategy comparison: ").append(escape(result.torrent())).append("</h1>\n");
        html.append("<p>").append(escape(result.swarm().id())).append(" swarm · choking policy <b>")
                .append(escape(result.choking())).append("</b> · ").append(result.runs())
                .append(result.runs() == 1 ? " run" : " runs").append(" per strategy · seed ").append(result.seed())
                .append("<br><small>").append(escape(result.setup())).append("</small></p>\n");
        for (String note : result.notes()) {
            html.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
        summary(html, result);
        classes(html, result);
        html.append("<h2>Completion time</h2>\n<p><small>Fraction of the leechers of all runs that had completed, by "
                + "seconds since they joined.</small></p>\n");
        html.append(SvgChart.render("Completion-time CDF", "seconds since joining", "fraction complete",
                completionSeries(result), 1.0));
        html.append("<h2>Copies of the rarest piece</h2>\n<p><small>Among the leechers present (the initial seeds "
                + "not counted), averaged over runs: 0 means some piece existed only at the seeds.</small></p>\n");
        html.append(SvgChart.render("Rarest piece over time", "seconds since the start", "copies of the rarest piece",
                rarestSeries(result), 1.0));
        html.append("""
                <h2>Definitions</h2>
                <ul>
                <li><b>completion</b>, <b>first piece</b>: seconds from a leecher joining to its last (first) verified \
                piece, over every leecher of every run: median [first quartile – third quartile].</li>
                <li><b>seed copies</b>: what the initial seeds uploaded until every piece had reached some leecher, \
                in copies of the torrent, per run (1.00 is ideal: no piece sent twice by the seeds).</li>
                <li><b>rarest copies</b>: copies of the rarest piece among the leechers, averaged over the time they \
                were downloading, per run.</li>
                <li><b>upload use</b>: bytes a contributing leecher uploaded over its capacity times its time in the \
                swarm.</li>
                <li><b>duplicates</b>: bytes a leecher received that it already had (end-game copies, late \
                blocks).</li>
                <li><b>share ratio</b>: bytes uploaded over bytes downloaded.</li>
                </ul>
                <p><small>Written by Piecewise.</small></p>
                </body></html>
                """);
        return html.toString();
    }

    private static void summary(StringBuilder html, CompareResult result) {
        html.append("<h2>Summary</h2>\n<table><tr><th>strategy</th><th>completed</th><th>completion (s)</th>"
                + "<th>first piece (s)</th><th>seed copies</th><th>rarest copies</th><th>upload use</th>"
                + "<th>duplicates</th></tr>\n");
        for (CompareResult.Strategy strategy : result.strategies()) {
            html.append("<tr><td>").append(escape(strategy.strategy())).append("</td><td>")
                    .append(strategy.completed()).append(" / ").append(strategy.leechers() * result.runs())
                    .append("</td><td>").append(spread(strategy.completionSeconds(), "%.0f"))
                    .append("</td><td>").append(spread(strategy.firstPieceSeconds(), "%.1f"))
                    .append("</td><td>").append(spread(strategy.seedCopies(), "%.2f"))
                    .append("</td><td>").append(spread(strategy.rarestCopies(), "%.1f"))
                    .append("</td><td>").append(percent(strategy.uploadUtilization()))
                    .append("</td><td>").append(bytes(strategy.duplicateBytes().median())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void classes(StringBuilder html, CompareResult result) {
        html.append("<h2>By class of leecher</h2>\n<table><tr><th>strategy</th><th>class</th><th>leechers</th>"
                + "<th>completion (s)</th><th>share ratio</th></tr>\n");
        for (CompareResult.Strategy strategy : result.strategies()) {
            for (CompareResult.PeerClass peerClass : strategy.classes()) {
                html.append("<tr><td>").append(escape(strategy.strategy())).append("</td><td>")
                        .append(escape(peerClass.name())).append("</td><td>").append(peerClass.peers())
                        .append("</td><td>").append(spread(peerClass.completionSeconds(), "%.0f"))
                        .append("</td><td>").append(spread(peerClass.shareRatio(), "%.2f")).append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    static List<SvgChart.Series> completionSeries(CompareResult result) {
        List<SvgChart.Series> series = new ArrayList<>();
        for (CompareResult.Strategy strategy : result.strategies()) {
            List<Double> times = strategy.completionTimes();
            double total = (double) strategy.leechers() * result.runs();
            double[] xs = new double[times.size() + 1];
            double[] ys = new double[times.size() + 1];
            for (int i = 0; i < times.size(); i++) {
                xs[i + 1] = times.get(i);
                ys[i + 1] = (i + 1) / total;
            }
            series.add(new SvgChart.Series(strategy.strategy(), xs, ys, true));
        }
        return series;
    }

    private static List<SvgChart.Series> rarestSeries(CompareResult result) {
        List<SvgChart.Series> series = new ArrayList<>();
        for (CompareResult.Strategy strategy : result.strategies()) {
            List<CompareResult.Point> points = strategy.rarestCopiesOverTime();
            double[] xs = points.stream().mapToDouble(CompareResult.Point::seconds).toArray();
            double[] ys = points.stream().mapToDouble(CompareResult.Point::value).toArray();
            series.add(new SvgChart.Series(strategy.strategy(), xs, ys, false));
        }
        return series;
    }

    private static String spread(Spread spread, String format) {
        if (spread.isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, format, spread.median()) + " <small>["
                + String.format(Locale.ROOT, format, spread.p25()) + "–"
                + String.format(Locale.ROOT, format, spread.p75()) + "]</small>";
    }

    private static String percent(Spread spread) {
        return spread.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f%%", spread.median() * 100);
    }

    private static String bytes(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (value < 1024) {
            return String.format(Locale.ROOT, "%.0f B", value);
        }
        return value < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", value / 1024)
                : String.format(Locale.ROOT, "%.1f MiB", value / (1024 * 1024));
    }

    private static String escape(String text) {
        return SvgChart.escape(text);
    }
}
