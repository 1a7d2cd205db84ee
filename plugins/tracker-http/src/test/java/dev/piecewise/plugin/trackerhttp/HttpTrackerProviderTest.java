package dev.piecewise.plugin.trackerhttp;

import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.TrackerException;
import dev.piecewise.testing.TestTransportContext;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static dev.piecewise.testing.TrackerRequests.announce;
import static dev.piecewise.testing.TrackerRequests.infoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpTrackerProviderTest {

    private final HttpTrackerProvider provider = new HttpTrackerProvider();

    @Test
    void servesHttpAndHttps() {
        assertEquals("http", provider.id());
        assertEquals(Set.of("http", "https"), provider.schemes());
    }

    @Test
    void theOptionsAndTheUserAgentReachTheTransport() throws Exception {
        try (var server = new RawHttpServer((target, out) -> RawHttpServer.ok(out, new byte[2048]));
             var transport = provider.create(TestTransportContext.of(provider.options(),
                     Map.of("max-answer-kib", "1")))) {
            var e = assertThrows(TrackerException.class, () -> transport.announce(
                    announce(server.url("/announce"), infoHash(1), "a", 1, 0, AnnounceEvent.NONE)));
            assertEquals(TrackerException.Reason.MALFORMED, e.reason());
            assertTrue(e.getMessage().contains("over the limit of 1024"), e.getMessage());
            assertTrue(server.headers().contains("User-Agent: Piecewise/test"), server.headers().toString());
        }
        try (var server = new RawHttpServer((target, out) -> RawHttpServer.redirect(out, "/again"));
             var transport = provider.create(TestTransportContext.of(provider.options(),
                     Map.of("max-redirects", "0")))) {
            var e = assertThrows(TrackerException.class, () -> transport.announce(
                    announce(server.url("/announce"), infoHash(1), "a", 1, 0, AnnounceEvent.NONE)));
            assertTrue(e.getMessage().startsWith("more than 0 redirects"), e.getMessage());
        }
    }
}
