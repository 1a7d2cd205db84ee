package dev.piecewise.core.tracker;

import dev.piecewise.api.TrackerSnapshot;
import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.AnnounceRequest;
import dev.piecewise.spi.tracker.AnnounceResponse;
import dev.piecewise.spi.tracker.PeerAddress;
import dev.piecewise.spi.tracker.ScrapeResponse;
import dev.piecewise.spi.tracker.TrackerException;
import dev.piecewise.spi.tracker.TrackerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Announces one torrent to its trackers (BEP 12 tiers) and hands the peers they return to the engine.
 *
 * <p>Every tier is announced to, each on its own schedule, so a tracker that refuses, hangs or answers garbage never
 * holds up the peers of another tier. Within a tier the trackers are shuffled once, tried in that order, and the one
 * that answers moves to the front; when all of them have failed in a row the tier waits, twice as long after each
 * such round (up to a limit), and starts over. Every call runs on a virtual thread of its own with a deadline.
 *
 * <p>Events: {@code started} to each tracker before anything else, {@code completed} once per tier when the
 * download finishes, {@code stopped} to every tracker that was sent a {@code started}, regular announces at the
 * tracker's interval in between. Trackers that can be scraped are scraped now and then for their seeders and
 * leechers, unless an announce told us lately.
 *
 * <p>Methods are safe to call from any thread and never block: the engine may call them under its torrent lock. The
 * peer sink and the {@link TransferFigures} are called on announce threads, never under the announcer's lock.
 */
public final class Announcer {

    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);
    private static final Duration FIRST_SCRAPE = Duration.ofMinutes(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final AnnounceIdentity identity;
    private final List<Tier> tiers;
    private final Function<String, Optional<TrackerTransport>> transports;
    private final TransferFigures figures;
    private final Consumer<List<PeerAddress>> peerSink;
    private final Scheduler scheduler;
    private final AnnouncerSettings settings;

    // guarded by lock
    private boolean running;
    /** Counts starts and stops, so the outcome of a call from an earlier run is recognised and ignored. */
    private long run;
    private boolean completionAnnounced;
    private Scheduler.Scheduled scrapeRound;

    /**
     * @param tiers      the announce URLs by tier (BEP 12), as the torrent lists them; a URL listed twice is used once
     * @param transports the transport for a lowercase URL scheme, if a plugin serves it
     * @param peerSink   receives the peers each answer brings (the engine drops the ones it knows)
     * @param random     shuffles the tiers
     */
    public Announcer(AnnounceIdentity identity, List<List<String>> tiers,
                     Function<String, Optional<TrackerTransport>> transports, TransferFigures figures,
                     Consumer<List<PeerAddress>> peerSink, Scheduler scheduler, Random random,
                     AnnouncerSettings settings) {
        this.identity = identity;
        this.transports = transports;
        this.figures = figures;
        this.peerSink = peerSink;
        this.scheduler = scheduler;
        this.settings = settings;
        this.tiers = buildTiers(tiers, random);
    }

    private static List<Tier> buildTiers(List<List<String>> urls, Random random) {
        var seen = new HashSet<String>();
        var built = new ArrayList<Tier>();
        for (List<String> tierUrls : urls) {
            var entries = new ArrayList<TrackerEntry>();
            for (String url : tierUrls) {
                if (seen.add(url.strip())) {
                    entries.add(new TrackerEntry(url.strip(), built.size()));
                }
            }
            if (!entries.isEmpty()) {
                built.add(new Tier(built.size(), entries, random));
            }
        }
        return List.copyOf(built);
    }

    /** Starts announcing: {@code started} to the first tracker of every tier now. Does nothing if running. */
    public void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            running = true;
            run++;
            completionAnnounced = false;
            for (Tier tier : tiers) {
                tier.reset();
                announce(tier);
            }
            scrapeRound = scheduler.schedule(FIRST_SCRAPE, this::scrapeRound);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The download has just finished: tells one tracker of every tier {@code completed}, now. Only the first call
     * after a start counts; not to be called for a torrent that was complete when it started.
     */
    public void completed() {
        lock.lock();
        try {
            if (!running || completionAnnounced) {
                return;
            }
            completionAnnounced = true;
            for (Tier tier : tiers) {
                tier.completionOwed = true;
                if (tier.inFlight == null) {
                    announce(tier);
                }
                // else: the answer to the call in flight schedules the next announce at once
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks every working tier for more peers as soon as its tracker allows (its min interval, else ours) rather than
     * at the next regular announce. Failing tiers keep their backoff.
     */
    public void announceSoon() {
        lock.lock();
        try {
            if (!running) {
                return;
            }
            Instant now = scheduler.now();
            for (Tier tier : tiers) {
                TrackerEntry tracker = tier.current();
                if (tier.inFlight != null || tracker.state != TrackerState.WORKING || tracker.lastAnswer.isEmpty()) {
                    continue;
                }
                Instant allowed = tracker.lastAnswer.get().plus(tracker.minInterval.orElse(settings.minimumInterval()));
                Duration wait = now.isBefore(allowed) ? Duration.between(now, allowed) : Duration.ZERO;
                if (tier.nextAt.isEmpty() || now.plus(wait).isBefore(tier.nextAt.get())) {
                    scheduleAnnounce(tier, wait);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops announcing and tells every tracker that was sent a {@code started}: {@code stopped}, each call cut off
     * at the deadline. Calls under way are abandoned.
     *
     * @return completes when every {@code stopped} was answered, failed or overran the deadline
     */
    public CompletableFuture<Void> stop(Duration deadline) {
        var stops = new ArrayList<CompletableFuture<Void>>();
        lock.lock();
        try {
            if (!running) {
                return CompletableFuture.completedFuture(null);
            }
            running = false;
            run++;
            if (scrapeRound != null) {
                scrapeRound.cancel();
            }
            for (Tier tier : tiers) {
                tier.cancelNext();
                if (tier.inFlight != null) {
                    tier.inFlight.abandon("the torrent stopped");
                    tier.inFlight = null;
                }
                for (TrackerEntry tracker : tier.order) {
                    if (tracker.scrapeCall != null) {
                        tracker.scrapeCall.abandon("the torrent stopped");
                        tracker.scrapeCall = null;
                    }
                    if (tracker.contacted) {
                        stops.add(sendStopped(tracker, deadline));
                    } else if (tracker.state != TrackerState.DISABLED) {
                        tracker.state = TrackerState.IDLE;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }

    /** Every tracker, tier by tier, each tier in the order its trackers are tried. */
    public List<TrackerSnapshot> snapshot() {
        lock.lock();
        try {
            var snapshots = new ArrayList<TrackerSnapshot>();
            for (Tier tier : tiers) {
                for (TrackerEntry tracker : tier.order) {
                    snapshots.add(tracker.snapshot(running && tracker == tier.current() && tier.inFlight == null
                            ? tier.nextAt : Optional.empty()));
                }
            }
            return snapshots;
        } finally {
            lock.unlock();
        }
    }

    // --- announcing (all under the lock)

    private void announce(Tier tier) {
        tier.cancelNext();
        for (int tried = 0; tried < tier.order.size(); tried++) {
            TrackerEntry tracker = tier.current();
            Optional<TrackerTransport> transport = transportFor(tracker);
            if (transport.isPresent()) {
                call(tier, tracker, transport.get());
                return;
            }
            if (tier.failed()) {
                scheduleAnnounce(tier, backoff(tier));
                return;
            }
        }
    }

    /** The tracker's transport; when there is none, the tracker is disabled with the reason. */
    private Optional<TrackerTransport> transportFor(TrackerEntry tracker) {
        if (tracker.uri.isEmpty()) {
            tracker.disable(tracker.urlProblem);
            return Optional.empty();
        }
        Optional<TrackerTransport> transport = transports.apply(tracker.scheme());
        if (transport.isEmpty()) {
            tracker.disable("no tracker transport for " + tracker.scheme() + ":// URLs is installed");
        }
        return transport;
    }

    private void call(Tier tier, TrackerEntry tracker, TrackerTransport transport) {
        AnnounceEvent event = tracker.contacted ? (tier.completionOwed ? AnnounceEvent.COMPLETED : AnnounceEvent.NONE)
                : AnnounceEvent.STARTED;
        // a started sent after the download finished says left=0: the tracker then knows, no completed is owed
        boolean tellsCompletion = tier.completionOwed;
        tracker.contacted = true;
        tracker.state = TrackerState.ANNOUNCING;
        URI uri = tracker.uri.orElseThrow();
        Optional<String> trackerId = tracker.trackerId;
        long thisRun = run;
        tier.inFlight = TrackerCall.start("announce " + tracker.url, scheduler, settings.callTimeout(),
                () -> transport.announce(request(uri, event, trackerId, settings.numWant())),
                (response, failure) -> answered(tier, tracker, event, tellsCompletion, thisRun, response, failure));
    }

    /** Built on the call's thread: the engine's figures are never read under the announcer's lock. */
    private AnnounceRequest request(URI uri, AnnounceEvent event, Optional<String> trackerId, int numWant) {
        return new AnnounceRequest(uri, identity.infoHash(), identity.peerId(), identity.port(), figures.uploaded(),
                figures.downloaded(), figures.left(), event, numWant, identity.key(), trackerId);
    }

    private void answered(Tier tier, TrackerEntry tracker, AnnounceEvent event, boolean tellsCompletion,
                          long callRun, AnnounceResponse response, TrackerException failure) {
        List<PeerAddress> found = List.of();
        lock.lock();
        try {
            if (callRun != run) {
                return;
            }
            tier.inFlight = null;
            if (failure == null) {
                found = usable(response.peers());
                succeeded(tier, tracker, event, tellsCompletion, response);
            } else {
                failed(tier, tracker, event, failure);
            }
        } finally {
            lock.unlock();
        }
        if (!found.isEmpty()) {
            peerSink.accept(found);
        }
    }

    private void succeeded(Tier tier, TrackerEntry tracker, AnnounceEvent event, boolean tellsCompletion,
                           AnnounceResponse response) {
        if (response.warning().isPresent() && !response.warning().equals(tracker.warning)) {
            LOG.warn("tracker {} warns: {}", tracker.url, response.warning().get());
        }
        if (tracker.state == TrackerState.ANNOUNCING && tracker.lastError.isPresent()) {
            LOG.info("tracker {} answers again", tracker.url);
        }
        tracker.answered(response, scheduler.now());
        tier.answered(tracker);
        if (tellsCompletion) {
            tier.completionOwed = false;
        }
        LOG.debug("tracker {} answered {} with {} peers, next in {}", tracker.url, event,
                response.peers().size(), response.interval());
        if (tier.completionOwed) {
            announce(tier); // completed() came while this call was under way
        } else {
            scheduleAnnounce(tier, interval(response));
        }
    }

    private void failed(Tier tier, TrackerEntry tracker, AnnounceEvent event, TrackerException failure) {
        if (tracker.lastError.isEmpty()) {
            LOG.info("tracker {} failed ({}): {}", tracker.url, event, failure.getMessage());
        } else {
            LOG.debug("tracker {} failed again ({}): {}", tracker.url, event, failure.getMessage());
        }
        if (event == AnnounceEvent.STARTED) {
            tracker.contacted = false; // it may never have heard of us; its successor gets the started
        }
        tracker.failed(failure);
        if (tier.failed()) {
            scheduleAnnounce(tier, backoff(tier));
        } else {
            announce(tier);
        }
    }

    private void scheduleAnnounce(Tier tier, Duration delay) {
        tier.cancelNext();
        if (!running) {
            return;
        }
        long thisRun = run;
        tier.nextAt = Optional.of(scheduler.now().plus(delay));
        tier.next = scheduler.schedule(delay, () -> {
            lock.lock();
            try {
                if (running && run == thisRun && tier.inFlight == null) {
                    announce(tier);
                }
            } finally {
                lock.unlock();
            }
        });
    }

    /** The tracker's interval kept within our limits, and never below its own min interval. */
    private Duration interval(AnnounceResponse response) {
        Duration interval = response.interval();
        if (interval.compareTo(settings.minimumInterval()) < 0) {
            interval = settings.minimumInterval();
        }
        if (interval.compareTo(settings.maximumInterval()) > 0) {
            interval = settings.maximumInterval();
        }
        Duration floor = response.minInterval().orElse(Duration.ZERO);
        return interval.compareTo(floor) < 0 ? floor : interval;
    }

    private Duration backoff(Tier tier) {
        int doublings = Math.min(tier.failedRounds - 1, 30);
        Duration wait = settings.retryBase().multipliedBy(1L << doublings);
        return wait.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : wait;
    }

    /** Peers a connection could reach: a real address and a port. */
    private static List<PeerAddress> usable(List<PeerAddress> peers) {
        return peers.stream()
                .filter(p -> p.address().getPort() > 0)
                .filter(p -> !p.address().getAddress().isAnyLocalAddress()
                        && !p.address().getAddress().isMulticastAddress())
                .toList();
    }

    // --- stopping

    private CompletableFuture<Void> sendStopped(TrackerEntry tracker, Duration deadline) {
        var done = new CompletableFuture<Void>();
        tracker.contacted = false;
        Optional<TrackerTransport> transport = transportFor(tracker);
        if (transport.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        tracker.state = TrackerState.ANNOUNCING;
        URI uri = tracker.uri.orElseThrow();
        Optional<String> trackerId = tracker.trackerId;
        TrackerCall.start("stopped " + tracker.url, scheduler, deadline,
                () -> transport.get().announce(request(uri, AnnounceEvent.STOPPED, trackerId, 0)),
                (response, failure) -> {
                    stopAnswered(tracker, failure);
                    done.complete(null);
                });
        return done;
    }

    private void stopAnswered(TrackerEntry tracker, TrackerException failure) {
        lock.lock();
        try {
            if (running) {
                return; // started again meanwhile: the new run owns the tracker's state
            }
            if (failure == null) {
                tracker.state = TrackerState.IDLE;
                tracker.lastAnswer = Optional.of(scheduler.now());
                tracker.lastError = Optional.empty();
            } else {
                LOG.debug("tracker {} was not told stopped: {}", tracker.url, failure.getMessage());
                tracker.failed(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    // --- scraping

    private void scrapeRound() {
        lock.lock();
        try {
            if (!running) {
                return;
            }
            Instant now = scheduler.now();
            for (Tier tier : tiers) {
                for (TrackerEntry tracker : tier.order) {
                    boolean countsRecent = tracker.countsFromAnnounce
                            .map(at -> at.plus(settings.scrapeInterval()).isAfter(now)).orElse(false);
                    if (!countsRecent && !tracker.scrapeUnsupported && tracker.scrapeCall == null
                            && tracker.state != TrackerState.DISABLED) {
                        scrape(tracker);
                    }
                }
            }
            scrapeRound = scheduler.schedule(settings.scrapeInterval(), this::scrapeRound);
        } finally {
            lock.unlock();
        }
    }

    private void scrape(TrackerEntry tracker) {
        Optional<TrackerTransport> transport = tracker.uri.flatMap(u -> transports.apply(tracker.scheme()));
        if (transport.isEmpty() || !transport.get().canScrape(tracker.uri.get())) {
            return;
        }
        URI uri = tracker.uri.get();
        long thisRun = run;
        tracker.scrapeCall = TrackerCall.start("scrape " + tracker.url, scheduler, settings.callTimeout(),
                () -> transport.get().scrape(uri, List.of(identity.infoHash())),
                (response, failure) -> scraped(tracker, thisRun, response, failure));
    }

    private void scraped(TrackerEntry tracker, long callRun, ScrapeResponse response, TrackerException failure) {
        lock.lock();
        try {
            if (callRun != run) {
                return;
            }
            tracker.scrapeCall = null;
            if (failure != null) {
                LOG.debug("scrape of {} failed: {}", tracker.url, failure.getMessage());
                tracker.scrapeUnsupported = failure.reason() == TrackerException.Reason.UNSUPPORTED;
                return;
            }
            ScrapeResponse.Counts counts = response.torrents().get(identity.infoHash());
            if (counts != null) {
                tracker.seeders = OptionalInt.of(counts.seeders());
                tracker.leechers = OptionalInt.of(counts.leechers());
            }
        } finally {
            lock.unlock();
        }
    }
}
