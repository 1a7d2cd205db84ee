package dev.piecewise.core.tracker;

import dev.piecewise.api.TrackerSnapshot;
import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.AnnounceRequest;
import dev.piecewise.spi.tracker.AnnounceResponse;
import dev.piecewise.spi.tracker.PeerAddress;
import dev.piecewise.spi.tracker.ScrapeResponse;
import dev.piecewise.spi.tracker.TrackerTransport;
import dev.piecewise.testing.Figures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static dev.piecewise.core.tracker.ScriptedTransport.answers;
import static dev.piecewise.core.tracker.ScriptedTransport.hangs;
import static dev.piecewise.core.tracker.ScriptedTransport.refuses;
import static dev.piecewise.core.tracker.ScriptedTransport.response;
import static dev.piecewise.core.tracker.ScriptedTransport.unreachable;
import static dev.piecewise.testing.TrackerRequests.infoHash;
import static dev.piecewise.testing.TrackerRequests.peerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The announcer driven with a manual clock and a scripted transport: half-hour intervals pass in microseconds. */
@Timeout(20)
class AnnouncerTest {

    private static final Duration INTERVAL = Duration.ofMinutes(30);
    private static final String A = "http://a.test/announce";
    private static final String B = "http://b.test/announce";
    private static final String C = "http://c.test/announce";
    private static final long SEED = 42;

    private final ManualScheduler clock = new ManualScheduler();
    private final ScriptedTransport transport = new ScriptedTransport();
    private final List<List<PeerAddress>> found = new CopyOnWriteArrayList<>();
    private final AtomicLong left = new AtomicLong(5000);
    private final AnnouncerSettings settings = new AnnouncerSettings(50, Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofSeconds(15), Duration.ofMinutes(2),
            Duration.ofMinutes(15));

    private Announcer announcer(List<List<String>> tiers) {
        return new Announcer(new AnnounceIdentity(infoHash(9), peerId("me"), 6881, 77), tiers,
                scheme -> scheme.equals("http") ? Optional.<TrackerTransport>of(transport) : Optional.empty(),
                Figures.of(100, 200, left::get), found::add, clock, new Random(SEED), settings);
    }

    /** The order BEP 12's shuffle puts a tier in, with the announcer's random source. */
    private static List<String> shuffled(String... urls) {
        var order = new ArrayList<>(List.of(urls));
        Collections.shuffle(order, new Random(SEED));
        return order;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }

    private static TrackerSnapshot tracker(Announcer announcer, String url) {
        return announcer.snapshot().stream().filter(t -> t.url().equals(url)).findFirst().orElseThrow();
    }

    private static void awaitState(Announcer announcer, String url, String state) throws InterruptedException {
        await(url + " is " + state, () -> tracker(announcer, url).state().equals(state));
    }

    private static void assertRequest(AnnounceRequest request, String url, AnnounceEvent event) {
        assertEquals(url, request.tracker().toString(), "tracker");
        assertEquals(event, request.event(), "event to " + url);
    }

    @Test
    void startedGoesToEveryTierAndThePeersReachTheEngine() throws Exception {
        transport.on(A, answers(INTERVAL, 1001)).on(B, answers(INTERVAL, 2001, 2002));
        var announcer = announcer(List.of(List.of(A), List.of(B)));
        announcer.start();

        var requests = List.of(transport.nextRequest(), transport.nextRequest());
        for (AnnounceRequest request : requests) {
            assertEquals(AnnounceEvent.STARTED, request.event());
            assertEquals(infoHash(9), request.infoHash());
            assertEquals(6881, request.port());
            assertEquals(100, request.uploaded());
            assertEquals(200, request.downloaded());
            assertEquals(5000, request.left());
            assertEquals(50, request.numWant());
            assertEquals(77, request.key());
        }
        await("both answers are in", () -> found.size() == 2);
        assertEquals(3, found.stream().mapToInt(List::size).sum());
        awaitState(announcer, A, "working");
        awaitState(announcer, B, "working");
        var a = tracker(announcer, A);
        assertEquals(0, a.tier());
        assertEquals(1, a.peersReceived());
        assertEquals(OptionalInt.of(1), a.seeders());
        assertEquals(OptionalInt.of(2), a.leechers());
        assertEquals(Optional.of(clock.now()), a.lastAnnounce());
        assertEquals(Optional.of(clock.now().plus(INTERVAL)), a.nextAnnounce());
    }

    @Test
    void aTrackersWarningIsKeptForTheUserUntilItsNextAnswer() throws Exception {
        var warned = new AnnounceResponse(INTERVAL, Optional.empty(), Optional.empty(), Optional.of("slow down"),
                List.of(), OptionalInt.empty(), OptionalInt.empty());
        transport.on(A, request -> warned);
        var announcer = announcer(List.of(List.of(A)));
        announcer.start();
        awaitState(announcer, A, "working");
        assertEquals(Optional.of("slow down"), tracker(announcer, A).warning());

        transport.on(A, answers(INTERVAL));
        clock.advance(INTERVAL);
        await("the next answer, without a warning, clears it", () -> tracker(announcer, A).warning().isEmpty());
    }

    @Test
    void aTierIsShuffledOnceAndTheTrackerThatAnswersMovesToTheFront() throws Exception {
        List<String> order = shuffled(A, B, C);
        transport.on(order.get(0), refuses("unregistered torrent")).on(order.get(1), answers(INTERVAL, 1001))
                .on(order.get(2), answers(INTERVAL));
        var announcer = announcer(List.of(List.of(A, B, C)));
        announcer.start();

        assertRequest(transport.nextRequest(), order.get(0), AnnounceEvent.STARTED);
        assertRequest(transport.nextRequest(), order.get(1), AnnounceEvent.STARTED);
        awaitState(announcer, order.get(1), "working");
        transport.assertNoRequest();

        var snapshot = announcer.snapshot();
        assertEquals(List.of(order.get(1), order.get(0), order.get(2)),
                snapshot.stream().map(TrackerSnapshot::url).toList(), "the answering tracker leads its tier");
        assertEquals(List.of("working", "failing", "idle"), snapshot.stream().map(TrackerSnapshot::state).toList());
        assertEquals(Optional.of("unregistered torrent"), snapshot.get(1).lastError());

        clock.advance(INTERVAL);
        assertRequest(transport.nextRequest(), order.get(1), AnnounceEvent.NONE);
    }

    @Test
    void aHangingTrackerDoesNotHoldUpAnotherTiersPeers() throws Exception {
        transport.on(A, hangs()).on(B, answers(INTERVAL, 2001));
        var announcer = announcer(List.of(List.of(A), List.of(B)));
        announcer.start();

        await("tier 2's peers arrive while tier 1 hangs", () -> found.size() == 1);
        assertEquals(2001, found.getFirst().getFirst().address().getPort());
        assertEquals("announcing", tracker(announcer, A).state());

        clock.advance(settings.callTimeout());
        awaitState(announcer, A, "failing");
        assertEquals(Optional.of("no answer within 30s"), tracker(announcer, A).lastError());
        await("the hanging call was interrupted", () -> transport.interrupted.get() == 1);
    }

    @Test
    void aHangingTrackerGivesWayToTheNextOfItsTierAtTheDeadline() throws Exception {
        List<String> order = shuffled(A, B);
        transport.on(order.get(0), hangs()).on(order.get(1), answers(INTERVAL, 3001));
        var announcer = announcer(List.of(List.of(A, B)));
        announcer.start();
        assertRequest(transport.nextRequest(), order.get(0), AnnounceEvent.STARTED);
        transport.assertNoRequest();

        clock.advance(settings.callTimeout());
        assertRequest(transport.nextRequest(), order.get(1), AnnounceEvent.STARTED);
        await("the second tracker's peers arrive", () -> found.size() == 1);
    }

    @Test
    void aTierWhoseTrackersAllFailBacksOffDoublingUpToTheLimit() throws Exception {
        transport.on(A, unreachable());
        var announcer = announcer(List.of(List.of(A)));
        announcer.start();
        assertRequest(transport.nextRequest(), A, AnnounceEvent.STARTED);
        awaitState(announcer, A, "failing");
        assertEquals(Optional.of("connection refused"), tracker(announcer, A).lastError());

        for (Duration wait : List.of(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(120), Duration.ofSeconds(120))) {
            var failedAt = clock.now();
            await("the retry is scheduled", () -> tracker(announcer, A).nextAnnounce().isPresent());
            assertEquals(Optional.of(failedAt.plus(wait)), tracker(announcer, A).nextAnnounce());
            clock.advance(wait.minusSeconds(1));
            transport.assertNoRequest();
            clock.advance(Duration.ofSeconds(1));
            assertRequest(transport.nextRequest(), A, AnnounceEvent.STARTED);
            await("the retry failed", () -> tracker(announcer, A).state().equals("failing")
                    && tracker(announcer, A).nextAnnounce().isPresent());
        }
    }

    @Test
    void aTrackerThatAnswersAfterFailuresIsBackToTheRegularInterval() throws Exception {
        var answers = new java.util.concurrent.atomic.AtomicInteger();
        transport.on(A, request -> {
            if (answers.incrementAndGet() == 1) {
                throw new dev.piecewise.spi.tracker.TrackerException(
                        dev.piecewise.spi.tracker.TrackerException.Reason.MALFORMED, "garbage");
            }
            return response(INTERVAL, Optional.empty());
        });
        var announcer = announcer(List.of(List.of(A)));
        announcer.start();
        transport.nextRequest();
        awaitState(announcer, A, "failing");
        clock.advance(settings.retryBase());
        assertRequest(transport.nextRequest(), A, AnnounceEvent.STARTED);
        awaitState(announcer, A, "working");
        assertEquals(Optional.empty(), tracker(announcer, A).lastError());
        assertEquals(Optional.of(clock.now().plus(INTERVAL)), tracker(announcer, A).nextAnnounce());
    }

    @Test
    void completedGoesOutOnceWhenTheDownloadFinishes() throws Exception {
        transport.on(A, answers(INTERVAL)).on(B, answers(INTERVAL));
        var announcer = announcer(List.of(List.of(A), List.of(B)));
        announcer.start();
        transport.nextRequest();
        transport.nextRequest();
        awaitState(announcer, A, "working");
        awaitState(announcer, B, "working");

        left.set(0);
        announcer.completed();
        announcer.completed();
        var completed = List.of(transport.nextRequest(), transport.nextRequest());
        for (AnnounceRequest request : completed) {
            assertEquals(AnnounceEvent.COMPLETED, request.event());
            assertEquals(0, request.left());
        }
        await("both completed were answered", () -> announcer.snapshot().stream()
                .allMatch(t -> t.state().equals("working")));
        transport.assertNoRequest();
        clock.advance(INTERVAL);
        assertRequest(transport.nextRequest(), transport.nextRequest().tracker().toString().equals(A) ? B : A,
                AnnounceEvent.NONE);
    }

    @Test
    void completedDuringAStartedIsSentRightAfterItsAnswer() throws Exception {
        var release = new java.util.concurrent.CountDownLatch(1);
        transport.on(A, request -> {
            if (request.event() == AnnounceEvent.STARTED) {
                release.await();
            }
            return response(INTERVAL, Optional.empty());
        });
        var announcer = announcer(List.of(List.of(A)));
        announcer.start();
        assertRequest(transport.nextRequest(), A, AnnounceEvent.STARTED);
        announcer.completed();
        transport.assertNoRequest();
        release.countDown();
        assertRequest(transport.nextRequest(), A, AnnounceEvent.COMPLETED);
    }

    @Test
    void stoppedGoesToEveryTrackerToldStartedAndEndsAtTheDeadline() throws Exception {
        transport.on(A, answers(INTERVAL)).on(B, request -> {
            if (request.event() == AnnounceEvent.STOPPED) {
                hangs().answer(request);
            }
            return response(INTERVAL, Optional.empty());
        });
        transport.on(C, answers(INTERVAL));
        List<String> order = shuffled(B, C);
        var announcer = announcer(List.of(List.of(A), List.of(B, C)));
        announcer.start();
        transport.nextRequest();
        transport.nextRequest();
        awaitState(announcer, A, "working");
        awaitState(announcer, order.getFirst(), "working");

        var stopped = announcer.stop(Duration.ofSeconds(3));
        var requests = List.of(transport.nextRequest(), transport.nextRequest());
        assertTrue(requests.stream().allMatch(r -> r.event() == AnnounceEvent.STOPPED && r.numWant() == 0));
        assertEquals(java.util.Set.of(A, order.getFirst()),
                requests.stream().map(r -> r.tracker().toString()).collect(java.util.stream.Collectors.toSet()),
                "only the trackers told started are told stopped");
        transport.assertNoRequest();
        if (order.getFirst().equals(B)) {
            assertFalse(stopped.isDone(), "B has not answered its stopped yet");
            clock.advance(Duration.ofSeconds(3));
        }
        stopped.get(5, TimeUnit.SECONDS);
        awaitState(announcer, A, "idle");
        assertTrue(announcer.snapshot().stream().allMatch(t -> t.nextAnnounce().isEmpty()));

        clock.advance(INTERVAL);
        transport.assertNoRequest();
    }

    @Test
    void stopAbandonsACallUnderWayAndStillTellsThatTrackerStopped() throws Exception {
        transport.on(A, request -> {
            if (request.event() == AnnounceEvent.STARTED) {
                hangs().answer(request);
            }
            return response(INTERVAL, Optional.empty());
        });
        var announcer = announcer(List.of(List.of(A)));
        announcer.start();
        assertRequest(transport.nextRequest(), A, AnnounceEvent.STARTED);
        var stopped = announcer.stop(Duration.ofSeconds(3));
        assertRequest(transport.nextRequest(), A, AnnounceEvent.STOPPED);
        stopped.get(5, TimeUnit.SECONDS);
        await("the started was interrupted", () -> transport.interrupted.get() == 1);
        awaitState(announcer, A, "idle");
    }

    @Test
    void theIntervalIsKeptWithinLimitsAndNeverBelowTheTrackersMinInterval() throws Exception {
        var next = new java.util.concurrent.LinkedBlockingQueue<AnnounceResponse>(List.of(
                response(Duration.ofSeconds(10), Optional.empty()),
                response(Duration.ofHours(5), Optional.empty()),
                response(Duration.ofMinutes(2), Optional.of(Duration.ofMinutes(3))),
                response(INTERVAL, Optional.empty())));
        transport.on(A, request -> next.remove());
        var announcer = announcer(List.of(List.of(A)));
        announcer.start();
        for (Duration expected : List.of(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(3))) {
            transport.nextRequest();
            var answeredAt = clock.now();
            await("the next announce is scheduled", () -> tracker(announcer, A).state().equals("working")
                    && tracker(announcer, A).nextAnnounce().isPresent());
            assertEquals(Optional.of(answeredAt.plus(expected)), tracker(announcer, A).nextAnnounce());
            clock.advance(expected);
        }
        transport.nextRequest();
    }

    @Test
    void announceSoonWaitsForTheMinInterval() throws Exception {
        transport.on(A, request -> response(INTERVAL, Optional.of(Duration.ofMinutes(5))));
        var announcer = announcer(List.of(List.of(A)));
        announcer.start();
        transport.nextRequest();
        awaitState(announcer, A, "working");
        var answeredAt = clock.now();
        clock.advance(Duration.ofMinutes(1));
        announcer.announceSoon();
        assertEquals(Optional.of(answeredAt.plus(Duration.ofMinutes(5))), tracker(announcer, A).nextAnnounce());
        clock.advance(Duration.ofMinutes(4));
        assertRequest(transport.nextRequest(), A, AnnounceEvent.NONE);
    }

    @Test
    void aUrlNoTransportServesIsDisabledWithTheReasonAndTheRestWorks() throws Exception {
        String wss = "wss://tracker.test/announce";
        transport.on(A, answers(INTERVAL, 1001));
        var announcer = announcer(List.of(List.of(wss), List.of("not a url"), List.of(A)));
        announcer.start();
        assertRequest(transport.nextRequest(), A, AnnounceEvent.STARTED);
        await("peers arrive", () -> found.size() == 1);
        var snapshot = announcer.snapshot();
        assertEquals("disabled", snapshot.get(0).state());
        assertEquals(Optional.of("no tracker transport for wss:// URLs is installed"), snapshot.get(0).lastError());
        assertEquals("disabled", snapshot.get(1).state());
        assertTrue(snapshot.get(1).lastError().orElseThrow().startsWith("not a valid URL"),
                snapshot.get(1).lastError().orElseThrow());
    }

    @Test
    void theTrackerIdIsSentBackAndKeptWhenAnAnswerHasNone() throws Exception {
        var withId = new AnnounceResponse(INTERVAL, Optional.empty(), Optional.of("tid-1"), Optional.empty(),
                List.of(), OptionalInt.empty(), OptionalInt.empty());
        var answers = new java.util.concurrent.LinkedBlockingQueue<>(List.of(withId,
                response(INTERVAL, Optional.empty()), response(INTERVAL, Optional.empty())));
        transport.on(A, request -> answers.remove());
        var announcer = announcer(List.of(List.of(A)));
        announcer.start();
        assertEquals(Optional.empty(), transport.nextRequest().trackerId());
        awaitState(announcer, A, "working");
        clock.advance(INTERVAL);
        assertEquals(Optional.of("tid-1"), transport.nextRequest().trackerId());
        await("answered", () -> tracker(announcer, A).nextAnnounce().isPresent());
        clock.advance(INTERVAL);
        assertEquals(Optional.of("tid-1"), transport.nextRequest().trackerId());
    }

    @Test
    void peersWithoutAPortOrWithAWildcardAddressAreNotPassedOn() throws Exception {
        var peers = List.of(PeerAddress.of(new java.net.InetSocketAddress("127.0.0.1", 0)),
                PeerAddress.of(new java.net.InetSocketAddress("0.0.0.0", 6881)),
                PeerAddress.of(new java.net.InetSocketAddress("127.0.0.1", 6882)));
        transport.on(A, request -> new AnnounceResponse(INTERVAL, Optional.empty(), Optional.empty(),
                Optional.empty(), peers, OptionalInt.empty(), OptionalInt.empty()));
        announcer(List.of(List.of(A))).start();
        await("peers arrive", () -> found.size() == 1);
        assertEquals(List.of(peers.get(2)), found.getFirst());
    }

    @Test
    void trackersNotAnnouncedToAreScrapedForTheirCounts() throws Exception {
        List<String> order = shuffled(A, B);
        transport.on(order.get(0), answers(INTERVAL))
                .scrapes(order.get(1), new ScrapeResponse(Map.of(infoHash(9), new ScrapeResponse.Counts(7, 9, 8))))
                .scrapes(order.get(0), new ScrapeResponse(Map.of()));
        var announcer = announcer(List.of(List.of(A, B)));
        announcer.start();
        transport.nextRequest();
        awaitState(announcer, order.get(0), "working");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(order.get(1), transport.nextScrape().toString(), "the tracker announced to told its counts");
        await("the counts are in", () -> tracker(announcer, order.get(1)).seeders().isPresent());
        assertEquals(OptionalInt.of(7), tracker(announcer, order.get(1)).seeders());
        assertEquals(OptionalInt.of(8), tracker(announcer, order.get(1)).leechers());
        assertEquals("idle", tracker(announcer, order.get(1)).state());
    }
}
