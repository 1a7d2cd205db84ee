package dev.piecewise.core.plugin;

import dev.piecewise.spi.tracker.TrackerTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackerTransportsTest {

    @TempDir
    Path temp;

    private PluginRegistry registry;

    @BeforeEach
    void open() throws IOException {
        Fixtures.install(temp.resolve("plugins"), Fixtures.GOOD, "a-good.jar", Fixtures.DUPLICATE_IDS, "b-dupid.jar");
        registry = PluginRegistry.open(temp.resolve("plugins"), temp.resolve("copies"),
                PluginRegistry.class.getModule().getLayer());
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void oneTransportPerProviderServesAllItsSchemes() {
        try (TrackerTransports transports = new TrackerTransports(registry, Optional.empty(), "Piecewise/test")) {
            TrackerTransport http = transports.apply("http").orElseThrow();

            assertSame(http, transports.apply("HTTPS").orElseThrow());
            assertFalse(http.canScrape(URI.create("http://127.0.0.1/announce")));
            assertTrue(transports.apply("udp").isEmpty());
        }
    }

    @Test
    void aProviderThatCreatesNothingMeansNoTransportForItsScheme() {
        // other-https (returns null) loses https to fixture-http; alone, it is the one asked
        Fixtures.install(temp.resolve("plugins"), Fixtures.DUPLICATE_IDS, "a-good.jar");
        registry.reload();

        try (TrackerTransports transports = new TrackerTransports(registry, Optional.empty(), "Piecewise/test")) {
            assertEquals(Optional.empty(), transports.apply("https"));
            assertEquals("other-https", registry.catalog().transportFor("https").orElseThrow().id());
        }
    }

    @Test
    void afterCloseNothingIsHandedOut() {
        TrackerTransports transports = new TrackerTransports(registry, Optional.empty(), "Piecewise/test");
        transports.apply("http").orElseThrow();

        transports.close();

        assertTrue(transports.apply("http").isEmpty());
    }
}
