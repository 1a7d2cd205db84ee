package dev.piecewise.core.tracker;

import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceRequest;
import dev.piecewise.spi.tracker.AnnounceResponse;
import dev.piecewise.spi.tracker.PeerAddress;
import dev.piecewise.spi.tracker.ScrapeResponse;
import dev.piecewise.spi.tracker.TrackerException;
import dev.piecewise.spi.tracker.TrackerTransport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A transport for announcer tests: each tracker URL behaves as the test says, and every request is recorded. */
final class ScriptedTransport implements TrackerTransport {

    /** How one tracker answers an announce. */
    interface Behaviour {
        AnnounceResponse answer(AnnounceRequest request) throws TrackerException, InterruptedException;
    }

    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, ScrapeResponse> scrapes = new ConcurrentHashMap<>();
    private final BlockingQueue<AnnounceRequest> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<URI> scraped = new LinkedBlockingQueue<>();
    final AtomicInteger interrupted = new AtomicInteger();

    ScriptedTransport on(String url, Behaviour behaviour) {
        behaviours.put(url, behaviour);
        return this;
    }

    ScriptedTransport scrapes(String url, ScrapeResponse response) {
        scrapes.put(url, response);
        return this;
    }

    @Override
    public AnnounceResponse announce(AnnounceRequest request) throws TrackerException, InterruptedException {
        requests.add(request);
        Behaviour behaviour = behaviours.get(request.tracker().toString());
        if (behaviour == null) {
            throw new AssertionError("no behaviour for " + request.tracker());
        }
        try {
            return behaviour.answer(request);
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw e;
        }
    }

    @Override
    public boolean canScrape(URI announce) {
        return scrapes.containsKey(announce.toString());
    }

    @Override
    public ScrapeResponse scrape(URI announce, List<InfoHash> torrents) {
        scraped.add(announce);
        return scrapes.get(announce.toString());
    }

    @Override
    public void close() {
    }

    /** The next announce made, waiting a little for it; fails when none comes. */
    AnnounceRequest nextRequest() throws InterruptedException {
        AnnounceRequest request = requests.poll(5, TimeUnit.SECONDS);
        assertNotNull(request, "expected an announce");
        return request;
    }

    /** Fails if an announce is made within a short wait. */
    void assertNoRequest() throws InterruptedException {
        AnnounceRequest request = requests.poll(50, TimeUnit.MILLISECONDS);
        assertNull(request, () -> "expected no announce, got " + request.event() + " to " + request.tracker());
    }

    URI nextScrape() throws InterruptedException {
        URI url = scraped.poll(5, TimeUnit.SECONDS);
        assertNotNull(url, "expected a scrape");
        return url;
    }

    // behaviours

    static Behaviour answers(Duration interval, int... peerPorts) {
        return request -> response(interval, Optional.empty(), peerPorts);
    }

    static AnnounceResponse response(Duration interval, Optional<Duration> minInterval, int... peerPorts) {
        var peers = java.util.Arrays.stream(peerPorts)
                .mapToObj(port -> PeerAddress.of(new InetSocketAddress("127.0.0.1", port))).toList();
        return new AnnounceResponse(interval, minInterval, Optional.empty(), Optional.empty(), peers,
                OptionalInt.of(1), OptionalInt.of(2));
    }

    static Behaviour refuses(String reason) {
        return request -> {
            throw new TrackerException(TrackerException.Reason.REFUSED, reason);
        };
    }

    static Behaviour unreachable() {
        return request -> {
            throw new TrackerException(TrackerException.Reason.UNREACHABLE, "connection refused");
        };
    }

    /** Never answers: blocks until the announcer interrupts the call. */
    static Behaviour hangs() {
        return request -> {
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
            throw new AssertionError("a hanging tracker was not interrupted within 10 minutes");
        };
    }
}
