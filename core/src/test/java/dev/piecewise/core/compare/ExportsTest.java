package dev.piecewise.core.compare;

import dev.piecewise.api.CompareRequest;
import dev.piecewise.api.CompareResult;
import dev.piecewise.core.swarm.AvailabilitySample;
import dev.piecewise.core.swarm.RunOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportsTest {

    private static final RunOutcome RUN = MetricsTest.run(1, 1_500_000, List.of(MetricsTest.seed(2_000_000),
            MetricsTest.leecher(1, "leecher", 0, 2, 10, 500_000, 1_000_000, 100_000),
            MetricsTest.leecher(2, "free-rider", 1, -1, -1, 0, 0, 0)),
            List.of(new AvailabilitySample(0, 0, 0, 2, 0), new AvailabilitySample(5_000, 1, 1.5, 2, 1)));

    private static CompareResult result(String torrent, List<String> notes) {
        return new CompareResult(CompareRequest.Swarm.SIM, torrent, "tit-for-tat", 1, 7, "1 seed, 2 leechers",
                List.of(Metrics.of("rarest", List.of(RUN))), notes, List.of());
    }

    @Test
    void csvHasOneRowPerPeerPerRunWithEmptyFieldsForWhatNeverHappened() {
        String csv = Exports.csv(List.of(new StrategyRuns("rarest", List.of(RUN))));

        List<String> lines = csv.lines().toList();
        assertEquals(Exports.CSV_HEADER, lines.getFirst());
        assertEquals(1 + 3, lines.size());
        int columns = Exports.CSV_HEADER.split(",").length;
        for (String line : lines) {
            assertEquals(columns, line.split(",", -1).length, line);
        }
        assertEquals("rarest,tit-for-tat,1,1,2,free-rider,false,1.000,,,101.000,0,0,0,0,0,0,,", lines.get(3));
        assertTrue(lines.get(2).startsWith("rarest,tit-for-tat,1,1,1,leecher,false,0.000,2.000,10.000,10.000,"),
                lines.get(2));
    }

    @Test
    void csvQuotesFieldsThatNeedIt() {
        assertEquals("plain", Exports.field("plain"));
        assertEquals("\"a,b\"", Exports.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Exports.field("say \"hi\""));
    }

    @Test
    void jsonCarriesTheSummaryAndEveryRunAndIsWellFormed() {
        String json = Exports.json(result("demo \"quoted\"", List.of("line\nbreak")),
                List.of(new StrategyRuns("rarest", List.of(RUN))));

        JsonShape.check(json);
        assertTrue(json.startsWith("{\"torrent\":\"demo \\\"quoted\\\"\",\"swarm\":\"sim\""), json);
        assertTrue(json.contains("\"notes\":[\"line\\nbreak\"]"), json);
        assertTrue(json.contains("\"seed_copies\":{\"count\":1,\"min\":1.5,"), json);
        assertTrue(json.contains("\"completion_s\":null"), "a free rider that never completed: " + json);
        assertTrue(json.contains("\"samples\":[[0,0,0,2,0],[5,1,1.5,2,1]]"), json);
    }

    @Test
    void theHtmlReportIsSelfContainedAndEscapesWhatItShows() {
        String html = HtmlReport.render(result("<script>alert(1)</script>", List.of("the swarm & more")));

        assertFalse(html.contains("<script"), "no script of any kind");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("the swarm &amp; more"));
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no external reference");
        assertEquals(2, html.split("<svg ", -1).length - 1, "two charts");
        assertTrue(html.contains("<polyline"), "the charts have series");
        assertTrue(html.contains("<td>rarest</td><td>1 / 2</td><td>10 <small>[10–10]</small>"), html);
    }
}
