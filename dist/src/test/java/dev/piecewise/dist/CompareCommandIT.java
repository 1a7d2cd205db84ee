package dev.piecewise.dist;

import dev.piecewise.core.metainfo.TorrentBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code compare} in batch mode through {@code ./piecewise}: the table, the charts and the files it writes. */
class CompareCommandIT {

    @TempDir
    Path work;

    private Path torrent() throws Exception {
        byte[] payload = new byte[40 * 32 * 1024 + 123];
        new Random(9).nextBytes(payload);
        Path data = Files.write(work.resolve("sample.bin"), payload);
        Path torrent = work.resolve("sample.torrent");
        TorrentBuilder.of(data).pieceLength(32 * 1024).write(torrent);
        return torrent;
    }

    @Test
    void aSimulatedComparisonPrintsItsFiguresAndWritesTheReportTheCsvAndTheJson() throws Exception {
        Path torrent = torrent();
        Launch.Result result = Launch.run(work, "", Launch.command(work.resolve("data"), "-c",
                "compare " + torrent + " rarest in-order random --swarm sim --leechers 12 --free-riders 2 --runs 2"
                        + " --seed-upload 64k --upload 32k --report " + work.resolve("out/report.html") + " --csv "
                        + work.resolve("out/runs.csv") + " --json " + work.resolve("out/runs.json")));

        assertEquals(0, result.status(), result.err());
        String out = result.out();
        assertTrue(out.contains("rarest-first: run 2/2..."), out);
        assertTrue(out.contains("sample.bin: sim swarm, choking tit-for-tat, 2 runs per strategy, seed 1"), out);
        for (String strategy : List.of("rarest-first", "in-order", "random-first")) {
            assertTrue(out.lines().anyMatch(l -> l.matches(strategy + "\\s+24/24\\s+\\d+ \\[\\d+-\\d+].*")),
                    strategy + " in the table: " + out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith(strategy) && l.endsWith("|")), "chart rows: " + out);
        }
        assertTrue(out.lines().anyMatch(l -> l.matches("rarest-first\\s+free-rider\\s+4\\s+.*")), out);
        Path report = work.resolve("out/report.html");
        Path csv = work.resolve("out/runs.csv");
        assertTrue(out.contains("wrote " + report) && out.contains("wrote " + csv), out);
        assertEquals(1 + 3 * 2 * 13, Files.readAllLines(csv).size(), "a row per peer per run");
        String html = Files.readString(report);
        assertTrue(html.contains("<svg") && html.contains("in-order"), "the report has its charts");
        assertFalse(html.contains("<script"));
        assertTrue(Files.readString(work.resolve("out/runs.json")).startsWith("{\"torrent\":\"sample.bin\""));
    }

    @Test
    void mistakesAreOneLineAndRunNothing() throws Exception {
        Path torrent = torrent();
        Launch.Result unknown = Launch.run(work, "", Launch.command(work.resolve("data"), "-c",
                "compare " + torrent + " rarest frobnicate --swarm sim"));
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().startsWith("compare: no strategy 'frobnicate'"), unknown.err());
        assertEquals("", unknown.out());

        Launch.Result badRate = Launch.run(work, "", Launch.command(work.resolve("data"), "-c",
                "compare " + torrent + " rarest --swarm sim --upload fast"));
        assertEquals(1, badRate.status());
        assertTrue(badRate.err().contains("--upload: 'fast' is not a rate"), badRate.err());
    }
}
