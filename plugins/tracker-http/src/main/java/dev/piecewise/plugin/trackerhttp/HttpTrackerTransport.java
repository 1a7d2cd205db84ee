package dev.piecewise.plugin.trackerhttp;

import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceRequest;
import dev.piecewise.spi.tracker.AnnounceResponse;
import dev.piecewise.spi.tracker.ScrapeResponse;
import dev.piecewise.spi.tracker.TrackerException;
import dev.piecewise.spi.tracker.TrackerTransport;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLException;

import static dev.piecewise.spi.tracker.TrackerException.Reason.MALFORMED;
import static dev.piecewise.spi.tracker.TrackerException.Reason.REFUSED;
import static dev.piecewise.spi.tracker.TrackerException.Reason.UNREACHABLE;
import static dev.piecewise.spi.tracker.TrackerException.Reason.UNSUPPORTED;

/**
 * Speaks BEP 3 to HTTP and HTTPS trackers with the JDK's HTTP client. Redirects are followed here, not by the client,
 * so that their number is bounded, loops are named, and only http and https targets are accepted. Answer bodies are
 * streamed and cut off at a cap.
 *
 * <p>Failures: a failure reason, in a 200 answer or an error page, is {@link TrackerException.Reason#REFUSED};
 * another status, a connection that fails or closes early, too many redirects or a loop are
 * {@link TrackerException.Reason#UNREACHABLE}; a body over the cap or one that is not a valid answer is
 * {@link TrackerException.Reason#MALFORMED}.
 */
final class HttpTrackerTransport implements TrackerTransport {

    private final HttpLimits limits;
    private final String userAgent;
    private final HttpClient client;

    HttpTrackerTransport(HttpLimits limits, String userAgent, Optional<InetAddress> bindAddress) {
        this(limits, userAgent, bindAddress, LazyTrust.jdkDefault());
    }

    /** @param tls the TLS context of HTTPS trackers */
    HttpTrackerTransport(HttpLimits limits, String userAgent, Optional<InetAddress> bindAddress, SSLContext tls) {
        this.limits = limits;
        this.userAgent = userAgent;
        // HTTP/1.1: trackers are plain HTTP/1 servers, some of which mishandle an h2c upgrade request. Empty TLS
        // parameters leave every setting to the context's defaults; without them the client would ask the context
        // for its defaults at once, which makes a lazy context (see LazyTlsContext) before any TLS is needed.
        var builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(tls).sslParameters(new SSLParameters());
        bindAddress.ifPresent(builder::localAddress);
        this.client = builder.build();
    }

    @Override
    public AnnounceResponse announce(AnnounceRequest request) throws TrackerException, InterruptedException {
        return HttpAnswers.announce(fetch(TrackerUrls.announce(request)));
    }

    @Override
    public boolean canScrape(URI announce) {
        return isHttp(announce) && TrackerUrls.scrape(announce, List.of()).isPresent();
    }

    @Override
    public ScrapeResponse scrape(URI announce, List<InfoHash> torrents) throws TrackerException, InterruptedException {
        URI url = TrackerUrls.scrape(announce, torrents).orElseThrow(() -> new TrackerException(UNSUPPORTED,
                "this tracker cannot be scraped: its URL's last path segment does not start with 'announce'"));
        return HttpAnswers.scrape(fetch(url));
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    /** GETs a URL, following redirects, and returns the body of its 200 answer. */
    private byte[] fetch(URI url) throws TrackerException, InterruptedException {
        if (!isHttp(url)) {
            throw new TrackerException(UNSUPPORTED, "not an http or https URL with a host: " + url);
        }
        var visited = new LinkedHashSet<URI>();
        URI current = url;
        while (true) {
            if (!visited.add(current)) {
                throw new TrackerException(UNREACHABLE, "redirect loop: " + chain(visited) + " -> " + current);
            }
            HttpResponse<byte[]> response = get(current);
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            if (!isRedirect(status)) {
                Optional<String> reason = HttpAnswers.failureReason(response.body());
                if (reason.isPresent()) {
                    throw new TrackerException(REFUSED, reason.get());
                }
                throw new TrackerException(UNREACHABLE, "the tracker answered HTTP " + status);
            }
            if (visited.size() > limits.maxRedirects()) {
                throw new TrackerException(UNREACHABLE, "more than " + limits.maxRedirects() + " redirects: "
                        + chain(visited));
            }
            current = redirectTarget(current, response);
        }
    }

    private HttpResponse<byte[]> get(URI url) throws TrackerException, InterruptedException {
        var request = HttpRequest.newBuilder(url).GET().header("User-Agent", userAgent).build();
        try {
            return client.send(request, CappedBody.handler(limits.maxAnswerBytes()));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                Thread.interrupted(); // reported by the exception
                throw (InterruptedException) new InterruptedException("interrupted during an HTTP announce")
                        .initCause(e);
            }
            Optional<CappedBody.TooLarge> tooLarge = cause(e, CappedBody.TooLarge.class);
            if (tooLarge.isPresent()) {
                throw new TrackerException(MALFORMED, tooLarge.get().getMessage(), e);
            }
            throw new TrackerException(UNREACHABLE, describe(e), e);
        }
    }

    private static URI redirectTarget(URI from, HttpResponse<?> response) throws TrackerException {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new TrackerException(
                MALFORMED, "a redirect (HTTP " + response.statusCode() + ") without a Location"));
        URI target;
        try {
            target = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new TrackerException(MALFORMED, "a redirect to an invalid URL: " + location, e);
        }
        if (!isHttp(target)) {
            throw new TrackerException(MALFORMED, "a redirect to a URL that is not http or https: " + target);
        }
        return target;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean isHttp(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null;
    }

    private static String chain(LinkedHashSet<URI> visited) {
        return visited.stream().map(URI::toString).collect(Collectors.joining(" -> "));
    }

    private static String describe(IOException e) {
        if (cause(e, UnresolvedAddressException.class).isPresent()) {
            return "cannot resolve the tracker's host";
        }
        if (cause(e, ConnectException.class).isPresent()) {
            return "cannot connect to the tracker (connection refused)";
        }
        if (cause(e, EOFException.class).isPresent()) {
            return "the connection closed before the answer was complete";
        }
        Optional<SSLException> tls = cause(e, SSLException.class);
        if (tls.isPresent()) {
            return "TLS failed: " + tls.get().getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
