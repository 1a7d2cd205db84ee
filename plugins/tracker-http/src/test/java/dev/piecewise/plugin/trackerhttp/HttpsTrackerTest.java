package dev.piecewise.plugin.trackerhttp;

import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.AnnounceResponse;
import dev.piecewise.spi.tracker.TrackerException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import static dev.piecewise.plugin.trackerhttp.RawHttpServer.bytes;
import static dev.piecewise.plugin.trackerhttp.RawHttpServer.ok;
import static dev.piecewise.testing.TrackerRequests.announce;
import static dev.piecewise.testing.TrackerRequests.infoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS trackers on loopback, with a certificate made for the test by the JDK's keytool: certificates are checked,
 * and the trusted ones are read only when the first HTTPS tracker is contacted.
 */
class HttpsTrackerTest {

    private static final char[] PASSWORD = "tracker-test".toCharArray();
    private static final byte[] ONE_PEER = bytes("d8:intervali60e5:peers6:\u007f\u0000\u0000\u0001\u001a\u00e1e");
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    private static KeyStore keys;

    /** A fresh self-signed certificate for 127.0.0.1 and its key. */
    @BeforeAll
    static void makeCertificate(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("tracker.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-alias", "tracker", "-keyalg", "EC",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), output);
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
    }

    private static RawHttpServer httpsTracker() throws Exception {
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        return new RawHttpServer((target, out) -> ok(out, ONE_PEER), tls);
    }

    /** A trust manager that trusts the test's certificate only. */
    private static X509ExtendedTrustManager trustingTheTestCertificate() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("tracker", keys.getCertificate("tracker"));
            var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AnnounceResponse announceTo(HttpTrackerTransport transport, URI url) throws Exception {
        return assertTimeoutPreemptively(QUICKLY,
                () -> transport.announce(announce(url, infoHash(1), "a", 6881, 0, AnnounceEvent.STARTED)));
    }

    @Test
    void aTrackerWithACertificateNobodyVouchesForIsUnreachable() throws Exception {
        try (var tracker = httpsTracker();
             var transport = new HttpTrackerTransport(new HttpLimits(64 * 1024, 3), "Piecewise/test",
                     Optional.empty())) {
            var e = assertThrows(TrackerException.class, () -> announceTo(transport, tracker.url("/announce")));
            assertEquals(TrackerException.Reason.UNREACHABLE, e.reason(), e.getMessage());
            assertTrue(e.getMessage().startsWith("TLS failed"), e.getMessage());
            assertTrue(tracker.targets().isEmpty(), "no request went over the untrusted connection");
        }
    }

    @Test
    void theTrustedCertificatesAreReadAtTheFirstHandshakeAndDecideIt() throws Exception {
        var trust = new LazyTrust(HttpsTrackerTest::trustingTheTestCertificate);
        var tls = trust.context();
        try (var plain = new RawHttpServer((target, out) -> ok(out, ONE_PEER));
             var tracker = httpsTracker();
             var transport = new HttpTrackerTransport(new HttpLimits(64 * 1024, 3), "Piecewise/test",
                     Optional.empty(), tls)) {
            assertEquals(1, announceTo(transport, plain.url("/announce")).peers().size());
            assertFalse(tls.made(), "plain HTTP needs no TLS context");
            assertFalse(trust.loaded(), "plain HTTP needs no certificates");
            assertEquals(1, announceTo(transport, tracker.url("/announce")).peers().size());
            assertTrue(tls.made());
            assertTrue(trust.loaded());
        }
    }

    @Test
    void trustThatCannotBeLoadedFailsTheHandshakeAndIsLoadedAgainNextTime() throws Exception {
        var attempts = new AtomicInteger();
        var trust = new LazyTrust(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("cannot load the trusted certificates: test");
            }
            return trustingTheTestCertificate();
        });
        try (var tracker = httpsTracker();
             var transport = new HttpTrackerTransport(new HttpLimits(64 * 1024, 3), "Piecewise/test",
                     Optional.empty(), trust.context())) {
            var e = assertThrows(TrackerException.class, () -> announceTo(transport, tracker.url("/announce")));
            assertEquals(TrackerException.Reason.UNREACHABLE, e.reason(), e.getMessage());
            assertTrue(e.getMessage().startsWith("TLS failed"), e.getMessage());
            assertEquals(1, announceTo(transport, tracker.url("/announce")).peers().size());
            assertEquals(2, attempts.get());
        }
    }

    @Test
    void byDefaultWhatTheJdkTrustsIsTrusted() throws Exception {
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        var jdk = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        var lazy = new LazyTrust(LazyTrust::loadJdkDefault);
        assertFalse(lazy.loaded());
        assertFalse(subjects(jdk.getAcceptedIssuers()).isEmpty());
        assertEquals(subjects(jdk.getAcceptedIssuers()), subjects(lazy.getAcceptedIssuers()));
        assertTrue(lazy.loaded());
    }

    private static Set<String> subjects(X509Certificate[] certificates) {
        return Arrays.stream(certificates).map(c -> c.getSubjectX500Principal().getName())
                .collect(Collectors.toSet());
    }
}
