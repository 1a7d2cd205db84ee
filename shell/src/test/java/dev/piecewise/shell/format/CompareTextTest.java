package dev.piecewise.shell.format;

import dev.piecewise.api.CompareRequest;
import dev.piecewise.api.CompareResult;
import dev.piecewise.api.CompareResult.Spread;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareTextTest {

    private static CompareResult.Strategy strategy(String name, List<Double> completions, double rarest,
                                                   List<CompareResult.PeerClass> classes) {
        double[] values = completions.stream().mapToDouble(Double::doubleValue).toArray();
        return new CompareResult.Strategy(name, 4, completions.size(), Spread.of(values), Spread.of(1, 2),
                Spread.of(1.5), Spread.of(0, 32768), Spread.of(0), Spread.of(rarest), Spread.of(0.8), classes,
                completions, List.of(new CompareResult.Point(0, 0), new CompareResult.Point(50, rarest),
                new CompareResult.Point(100, rarest)));
    }

    private static CompareResult result(List<CompareResult.Strategy> strategies) {
        return new CompareResult(CompareRequest.Swarm.SIM, "demo", "tit-for-tat", 1, 1, "1 seed", strategies,
                List.of(), List.of());
    }

    @Test
    void theSummaryShowsMediansWithQuartilesPerStrategy() {
        var one = List.of(new CompareResult.PeerClass("leecher", 4, Spread.of(10, 20, 30, 40), Spread.of(1)));
        List<String> lines = CompareText.summary(result(List.of(strategy("rarest-first", List.of(10.0, 20.0, 30.0,
                40.0), 2, one)))).render(0);

        assertEquals(2, lines.size());
        assertTrue(lines.get(1).matches("rarest-first\\s+4/4\\s+25 \\[18-33]\\s+1\\.5 \\[1\\.3-1\\.8]\\s+1\\.50\\s+2\\.0"
                + "\\s+80\\.0%\\s+16\\.0 KiB"), lines.get(1));
        assertTrue(CompareText.classes(result(List.of(strategy("rarest-first", List.of(10.0), 2, one)))).isEmpty(),
                "one class only: no table by class");
    }

    @Test
    void theCompletionChartFillsUpAsLeechersCompleteOnASharedAxis() {
        CompareResult result = result(List.of(strategy("fast", List.of(10.0, 20.0, 30.0, 40.0), 2, List.of()),
                strategy("slow", List.of(80.0, 100.0), 1, List.of())));

        List<String> chart = CompareText.completionChart(result, 0);

        assertEquals(3, chart.size());
        assertTrue(chart.get(0).contains("0-100 s"), chart.get(0));
        String fast = chart.get(1);
        String slow = chart.get(2);
        assertTrue(fast.startsWith("fast |") && fast.endsWith("█|"), fast);
        assertTrue(slow.startsWith("slow |  "), "nothing complete at first: " + slow);
        assertTrue(slow.endsWith("▄|"), "half of the slow strategy's leechers complete: " + slow);
        assertEquals(fast.length(), slow.length());
    }

    @Test
    void blocksScaleFromBlankToFull() {
        assertEquals(' ', CompareText.block(0));
        assertEquals('▁', CompareText.block(0.01));
        assertEquals('▄', CompareText.block(0.5));
        assertEquals('█', CompareText.block(1));
        assertEquals('█', CompareText.block(7));
    }

    @Test
    void theAvailabilityChartIsScaledToTheLargestValue() {
        CompareResult result = result(List.of(strategy("rare", List.of(10.0), 4, List.of()),
                strategy("order", List.of(10.0), 0, List.of())));

        List<String> chart = CompareText.availabilityChart(result, 40);

        assertTrue(chart.get(0).contains("full = 4.0"), chart.get(0));
        assertTrue(chart.get(1).contains("█"), chart.get(1));
        assertTrue(chart.get(2).replace("order |", "").replace("|", "").isBlank(), chart.get(2));
        assertTrue(chart.get(1).length() <= 40, "fits the width: " + chart.get(1).length());
    }
}
