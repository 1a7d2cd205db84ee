package dev.piecewise.plugin.trackerudp;

import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.TrackerException;
import dev.piecewise.testing.TestTransportContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.piecewise.testing.TrackerRequests.announce;
import static dev.piecewise.testing.TrackerRequests.infoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpTrackerProviderTest {

    private final UdpTrackerProvider provider = new UdpTrackerProvider();

    @Test
    void servesUdpUrlsWithBep15sScheduleByDefault() {
        assertEquals("udp", provider.id());
        assertEquals(Set.of("udp"), provider.schemes());
        var options = TestTransportContext.of(provider.options(), Map.of()).options();
        assertEquals(Duration.ofSeconds(15), options.duration(UdpTrackerProvider.RETRY_BASE));
        assertEquals(8, options.integer(UdpTrackerProvider.RETRIES));
    }

    @Test
    void theRetransmissionOptionsReachTheTransport() throws Exception {
        try (var silent = ScriptedUdpTracker.onLoopback(r -> List.of());
             var transport = provider.create(TestTransportContext.of(provider.options(),
                     Map.of("retry-base", "20ms", "retries", "1")))) {
            var e = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(TrackerException.class,
                    () -> transport.announce(announce(silent.url(), infoHash(1), "a", 1, 0, AnnounceEvent.NONE))));
            assertTrue(e.getMessage().startsWith("no answer after 2 tries, waiting 20ms at first"), e.getMessage());
            assertEquals(2, silent.received().size());
        }
    }

    @Test
    void outOfRangeOptionsAreRefusedByTheirSpecs() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TestTransportContext.of(provider.options(), Map.of("retries", "9")));
        assertTrue(e.getMessage().contains("option retries"), e.getMessage());
    }
}
