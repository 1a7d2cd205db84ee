package dev.piecewise.dist;

import dev.piecewise.testing.OpenTracker;
import dev.piecewise.testing.RealClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code compare --swarm live} against a real swarm on 127.0.0.1: an aria2 seeder (capped at 1 MiB/s) found through a
 * real opentracker. Each strategy downloads the torrent once, into a fresh directory, through the distribution's
 * runtime and plugins; nothing is left behind.
 */
class LiveCompareIT {

    @Test
    void downloadsFromTheRealSwarmOnceWithEachStrategy(@TempDir Path root) throws Exception {
        Payload untracked = Payload.create(root, 3, 700_000, 64 * 1024);
        try (var tracker = OpenTracker.start(root.resolve("tracker"), List.of(untracked.infoHash()))) {
            Payload payload = untracked.announcingTo(List.of(tracker.httpAnnounce()));
            try (var aria2 = RealClient.aria2Seeder(payload.torrent(), payload.seedDirectory(), root.resolve("aria2"),
                    1024 * 1024)) {
                Path data = root.resolve("client");
                Path home = Distribution.home();
                Process process = new ProcessBuilder(home.resolve("runtime/bin/java").toString(), "-cp",
                        classes().toString(), CompareDriver.class.getName(), data.toString(),
                        home.resolve("plugins").toString(), payload.torrent().toString(), "live", "1", "tit-for-tat",
                        "1", "0", "1", "1", "rarest", "in-order")
                        .redirectError(root.resolve("stderr.txt").toFile()).start();
                String output;
                try (var out = process.getInputStream()) {
                    if (!process.waitFor(120, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                        fail("the live comparison did not finish in time: " + aria2.log());
                    }
                    output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
                }
                assertEquals(0, process.exitValue(), output + Files.readString(root.resolve("stderr.txt")));
                List<String> figures = output.lines().filter(line -> line.startsWith("@strategy")).toList();
                assertEquals(2, figures.size(), output);
                for (String line : figures) {
                    double completion = Double.parseDouble(line.split(" ")[4]);
                    assertTrue(completion > 0 && completion < 60, "a download completed: " + line);
                }
                try (Stream<Path> left = Files.list(data.resolve("compare-lab"))) {
                    assertEquals(List.of(), left.toList(), "the live runs left files behind");
                }
            }
        }
    }

    private static Path classes() throws URISyntaxException {
        return Path.of(CompareDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
