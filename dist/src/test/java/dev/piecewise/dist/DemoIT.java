package dev.piecewise.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code demo} as a newcomer meets it, through {@code ./piecewise} in batch mode with no network but loopback: the
 * sample and its torrent appear in the data directory, the commands to try are printed, and adding the sample in the
 * same shell downloads it from the demo's seeds.
 */
class DemoIT {

    @TempDir
    Path work;

    @Test
    void theDemoSeedsASampleThatTheSameShellDownloads() throws Exception {
        Path data = work.resolve("data");
        Path torrent = data.resolve("demo/piecewise-demo.torrent");
        Path downloads = work.resolve("downloads");
        Launch.Result result = Launch.run(work, "", Launch.command(data, "-c",
                "demo; add " + torrent + " --dir " + downloads + "; wait"));

        assertEquals(0, result.status(), result.out() + result.err());
        String out = result.out();
        assertTrue(out.startsWith("demo: 2 seeds of a 8 MiB sample (128 pieces) on 127.0.0.1, tracker http://127.0.0.1:"),
                out);
        assertTrue(out.contains("  add " + torrent + "\n"), out);
        assertTrue(out.contains("  strategy rarest\n"), out);
        assertTrue(out.contains("  compare " + torrent + " rarest in-order random-first\n"), out);
        assertArrayEquals(Files.readAllBytes(data.resolve("demo/piecewise-demo")),
                Files.readAllBytes(downloads.resolve("piecewise-demo")), "downloaded from the demo seeds");
    }
}
