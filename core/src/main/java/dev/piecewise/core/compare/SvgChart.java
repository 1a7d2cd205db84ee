package dev.piecewise.core.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: one polyline per series, axes with round tick values, a legend. Plain SVG with no
 * script and no external reference, so a report that embeds it is self-contained.
 */
final class SvgChart {

    /** A named series of (x, y) points, drawn in order; {@code steps} draws it as a staircase (for a CDF). */
    record Series(String name, double[] xs, double[] ys, boolean steps) {
    }

    /** Colour-blind-safe colours (Okabe and Ito), used in series order. */
    static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
        "#F0E442"};

    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final int LEFT = 64;
    private static final int RIGHT = 170;
    private static final int TOP = 20;
    private static final int BOTTOM = 48;

    private SvgChart() {
    }

    static String render(String title, String xLabel, String yLabel, List<Series> series, double yMaxAtLeast) {
        double xMax = 0;
        double yMax = yMaxAtLeast;
        for (Series s : series) {
            for (double x : s.xs()) {
                xMax = Math.max(xMax, x);
            }
            for (double y : s.ys()) {
                yMax = Math.max(yMax, y);
            }
        }
        double xStep = niceStep(xMax);
        double yStep = niceStep(yMax);
        double xTop = Math.max(xStep, Math.ceil(xMax / xStep) * xStep);
        double yTop = Math.max(yStep, Math.ceil(yMax / yStep) * yStep);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" "
                + "font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title)));
        svg.append("<title>").append(escape(title)).append("</title>\n");
        for (double x = 0; x <= xTop + xStep / 2; x += xStep) {
            double px = LEFT + x / xTop * plotWidth;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    px, TOP, px, TOP + plotHeight, px, TOP + plotHeight + 16, tick(x)));
        }
        for (double y = 0; y <= yTop + yStep / 2; y += yStep) {
            double py = TOP + plotHeight - y / yTop * plotHeight;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT, py, LEFT + plotWidth, py, LEFT - 6, py + 4, tick(y)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                + "stroke=\"#444\"/>%n", LEFT, TOP, plotWidth, plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotWidth / 2, HEIGHT - 8, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 14 %.1f)\">%s</text>%n", TOP + plotHeight / 2, TOP + plotHeight / 2,
                escape(yLabel)));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour)
                    .append("\" points=\"").append(points(s, xTop, yTop, plotWidth, plotHeight)).append("\"/>\n");
            double legendY = TOP + 14 + i * 18;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"%s\" stroke-width=\"3\"/><text x=\"%.1f\" y=\"%.1f\">%s</text>%n",
                    LEFT + plotWidth + 10, legendY - 4, LEFT + plotWidth + 30, legendY - 4, colour,
                    LEFT + plotWidth + 36, legendY, escape(s.name())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String points(Series s, double xTop, double yTop, double plotWidth, double plotHeight) {
        List<String> points = new ArrayList<>();
        double previousY = Double.NaN;
        for (int i = 0; i < s.xs().length; i++) {
            double px = LEFT + s.xs()[i] / xTop * plotWidth;
            double py = TOP + plotHeight - s.ys()[i] / yTop * plotHeight;
            if (s.steps() && !Double.isNaN(previousY)) {
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", px, previousY));
            }
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
            previousY = py;
        }
        return String.join(" ", points);
    }

    /** A step of 1, 2 or 5 times a power of ten that gives about five ticks up to {@code max}. */
    static double niceStep(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double raw = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static String tick(double value) {
        return value == Math.rint(value) ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
