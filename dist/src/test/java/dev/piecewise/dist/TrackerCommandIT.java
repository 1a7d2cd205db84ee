package dev.piecewise.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tracker start} in a running shell gives a tracker that answers on loopback; {@code tracker stop} ends it. */
class TrackerCommandIT {

    private static final Pattern STARTED = Pattern.compile("tracker started on port (\\d+)");

    @TempDir
    Path work;

    @Test
    void theStartedTrackerAnswersAScrapeUntilItIsStopped() throws Exception {
        try (var shell = ShellProcess.start(Launch.command(work.resolve("data")));
             var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            shell.send("tracker start");
            Matcher started = STARTED.matcher(shell.await("/announce\n"));
            assertTrue(started.find());
            URI scrape = URI.create("http://127.0.0.1:" + started.group(1) + "/scrape");

            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(scrape).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().startsWith("d5:files"), answer.body());

            shell.send("tracker stop");
            shell.await("stopped");
            assertThrows(ConnectException.class, () -> http.send(HttpRequest.newBuilder(scrape)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
            assertEquals(0, shell.finish(), shell.errors());
        } catch (IOException e) {
            throw new AssertionError("talking to the tracker failed", e);
        }
    }
}
