package dev.piecewise.plugin.trackerhttp;

import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.TrackerException;
import dev.piecewise.spi.tracker.TrackerTransport;
import dev.piecewise.testing.Interrupts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.piecewise.plugin.trackerhttp.RawHttpServer.bytes;
import static dev.piecewise.plugin.trackerhttp.RawHttpServer.ok;
import static dev.piecewise.plugin.trackerhttp.RawHttpServer.redirect;
import static dev.piecewise.plugin.trackerhttp.RawHttpServer.status;
import static dev.piecewise.testing.TrackerRequests.announce;
import static dev.piecewise.testing.TrackerRequests.infoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP transport against trackers that misbehave, each a {@link RawHttpServer} on loopback. */
class HostileHttpTrackerTest {

    private static final Duration QUICKLY = Duration.ofSeconds(3);
    private static final byte[] ONE_PEER = bytes("d8:intervali60e5:peers6:\u007f\u0000\u0000\u0001\u001a\u00e1e");

    private final TrackerTransport transport =
            new HttpTrackerTransport(new HttpLimits(64 * 1024, 3), "Piecewise/test", Optional.empty());
    private final List<RawHttpServer> servers = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        transport.close();
        for (RawHttpServer server : servers) {
            server.close();
        }
    }

    private RawHttpServer server(RawHttpServer.Handler handler) throws IOException {
        var server = new RawHttpServer(handler);
        servers.add(server);
        return server;
    }

    private TrackerException failure(URI url) {
        return assertTimeoutPreemptively(QUICKLY, () -> assertThrows(TrackerException.class,
                () -> transport.announce(announce(url, infoHash(1), "a", 6881, 0, AnnounceEvent.STARTED))));
    }

    private static void assertFailure(TrackerException e, TrackerException.Reason reason, String text) {
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(text), "'" + e.getMessage() + "' should contain '" + text + "'");
    }

    @Test
    void aBodyCutShortOfItsLengthIsUnreachable() throws Exception {
        var server = server((target, out) -> {
            out.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nd8:intervali60e"));
        });
        assertFailure(failure(server.url("/announce")), TrackerException.Reason.UNREACHABLE,
                "closed before the answer was complete");
    }

    @Test
    void aCompleteAnswerWithTruncatedBencodingIsMalformed() throws Exception {
        var server = server((target, out) -> ok(out, bytes("d8:intervali60e5:peers6:\u007f\u0000")));
        assertFailure(failure(server.url("/announce")), TrackerException.Reason.MALFORMED, "not valid bencoding");
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeReading() throws Exception {
        var server = server((target, out) -> {
            out.write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 104857600\r\n\r\n"));
            out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(1));
        });
        assertFailure(failure(server.url("/announce")), TrackerException.Reason.MALFORMED,
                "104857600 bytes long, over the limit of 65536");
    }

    @Test
    void anEndlessBodyIsCutOffAtTheCap() throws Exception {
        var written = new CompletableFuture<Long>();
        var server = server((target, out) -> {
            out.write(bytes("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nd5:peers999999999:"));
            byte[] chunk = new byte[8192];
            long total = 0;
            try {
                while (total < 1L << 30) {
                    out.write(chunk);
                    total += chunk.length;
                }
            } finally {
                written.complete(total);
            }
        });
        assertFailure(failure(server.url("/announce")), TrackerException.Reason.MALFORMED,
                "longer than the limit of 65536 bytes");
        long sent = written.get(5, TimeUnit.SECONDS);
        assertTrue(sent < 16 << 20, "the connection was dropped early, after " + sent + " bytes");
    }

    @Test
    void aNestingBombIsMalformed() throws Exception {
        var server = server((target, out) -> ok(out, bytes("d1:x" + "l".repeat(30_000) + "e".repeat(30_000) + "e")));
        assertFailure(failure(server.url("/announce")), TrackerException.Reason.MALFORMED, "not valid bencoding");
    }

    @Test
    void aHugeStringLengthIsMalformed() throws Exception {
        var server = server((target, out) -> ok(out, bytes("d5:peers4294967296:abcde")));
        assertFailure(failure(server.url("/announce")), TrackerException.Reason.MALFORMED, "not valid bencoding");
    }

    @Test
    void aFailureReasonIsARefusalEvenWithAnErrorStatus() throws Exception {
        var server = server((target, out) -> status(out, 403, "", bytes("d14:failure reason8:passkey?e")));
        assertFailure(failure(server.url("/announce")), TrackerException.Reason.REFUSED, "passkey?");
    }

    @Test
    void anErrorStatusWithoutAReasonIsUnreachable() throws Exception {
        var server = server((target, out) -> status(out, 502, "", bytes("<html>Bad Gateway</html>")));
        assertFailure(failure(server.url("/announce")), TrackerException.Reason.UNREACHABLE, "HTTP 502");
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        var target = server((path, out) -> ok(out, ONE_PEER));
        var redirecting = server((path, out) -> redirect(out, target.url(path).toString()));
        var response = transport.announce(announce(redirecting.url("/announce"), infoHash(1), "a", 6881, 0,
                AnnounceEvent.STARTED));
        assertEquals(1, response.peers().size());
        assertEquals(redirecting.targets(), target.targets(), "the query went along");
    }

    @Test
    void aRedirectLoopIsNamed() throws Exception {
        var server = server((target, out) -> redirect(out, target.startsWith("/a") ? "/b" : "/a"));
        var e = failure(server.url("/a"));
        assertFailure(e, TrackerException.Reason.UNREACHABLE, "redirect loop");
        assertTrue(e.getMessage().contains("/b -> " + server.url("/a")), e.getMessage());
    }

    @Test
    void redirectsAreBounded() throws Exception {
        var server = server((target, out) -> redirect(out, "/hop" + (target.length() + 1)));
        assertFailure(failure(server.url("/hop")), TrackerException.Reason.UNREACHABLE, "more than 3 redirects");
        assertEquals(4, server.targets().size());
    }

    @Test
    void aRedirectToAnotherSchemeIsMalformed() throws Exception {
        var server = server((target, out) -> redirect(out, "udp://127.0.0.1:1/announce"));
        assertFailure(failure(server.url("/announce")), TrackerException.Reason.MALFORMED, "not http or https");
    }

    @Test
    void nothingListeningIsUnreachable() throws Exception {
        int port;
        try (var probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = probe.getLocalPort();
        }
        assertFailure(failure(URI.create("http://127.0.0.1:" + port + "/announce")),
                TrackerException.Reason.UNREACHABLE, "cannot connect");
    }

    @Test
    void aSilentTrackerIsLeftWhenTheCallerIsInterrupted() throws Exception {
        var server = server((target, out) -> Thread.sleep(TimeUnit.MINUTES.toMillis(1)));
        Interrupts.assertInterruptible(Thread.ofVirtual(), () -> transport.announce(announce(server.url("/announce"),
                infoHash(1), "a", 6881, 0, AnnounceEvent.STARTED)), () -> !server.targets().isEmpty());
    }

    @Test
    void aUrlWithoutAHostCannotBeUsed() {
        var e = failure(URI.create("http:/announce"));
        assertEquals(TrackerException.Reason.UNSUPPORTED, e.reason());
    }

    @Test
    void aTrackerThatCannotBeScrapedSaysSo() {
        var e = assertThrows(TrackerException.class,
                () -> transport.scrape(URI.create("http://127.0.0.1:1/tracker"), List.of(infoHash(1))));
        assertEquals(TrackerException.Reason.UNSUPPORTED, e.reason());
    }
}
