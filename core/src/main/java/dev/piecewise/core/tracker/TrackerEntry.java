package dev.piecewise.core.tracker;

import dev.piecewise.api.TrackerSnapshot;
import dev.piecewise.spi.tracker.AnnounceResponse;
import dev.piecewise.spi.tracker.TrackerException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** One tracker of a torrent and what we know of it. Guarded by its announcer's lock. */
final class TrackerEntry {

    final String url;
    /** Empty when the URL cannot be parsed; {@link #urlProblem} says why. */
    final Optional<URI> uri;
    final String urlProblem;
    final int tier;

    TrackerState state = TrackerState.IDLE;
    Optional<Instant> lastAnswer = Optional.empty();
    int peersReceived;
    OptionalInt seeders = OptionalInt.empty();
    OptionalInt leechers = OptionalInt.empty();
    /** When an announce last told us seeders and leechers; scrapes are not needed while that is recent. */
    Optional<Instant> countsFromAnnounce = Optional.empty();
    Optional<String> lastError = Optional.empty();
    Optional<String> trackerId = Optional.empty();
    Optional<Duration> minInterval = Optional.empty();
    Optional<String> warning = Optional.empty();
    /** A {@code started} was sent to it since the torrent started, so it is owed a {@code stopped}. */
    boolean contacted;
    boolean scrapeUnsupported;
    TrackerCall<?> scrapeCall;

    TrackerEntry(String url, int tier) {
        this.url = url;
        this.tier = tier;
        Optional<URI> parsed = Optional.empty();
        String problem = "";
        try {
            URI candidate = new URI(url.strip());
            if (candidate.getScheme() == null || candidate.getHost() == null) {
                problem = "not a tracker URL (it needs a scheme and a host): " + url;
            } else {
                parsed = Optional.of(candidate);
            }
        } catch (URISyntaxException e) {
            problem = "not a valid URL: " + e.getMessage();
        }
        this.uri = parsed;
        this.urlProblem = problem;
    }

    String scheme() {
        return uri.map(u -> u.getScheme().toLowerCase(Locale.ROOT)).orElse("");
    }

    void answered(AnnounceResponse response, Instant now) {
        state = TrackerState.WORKING;
        lastAnswer = Optional.of(now);
        lastError = Optional.empty();
        peersReceived = response.peers().size();
        if (response.seeders().isPresent() || response.leechers().isPresent()) {
            seeders = response.seeders();
            leechers = response.leechers();
            countsFromAnnounce = Optional.of(now);
        }
        response.trackerId().ifPresent(id -> trackerId = Optional.of(id)); // BEP 3: keep the old id when absent
        minInterval = response.minInterval();
        warning = response.warning();
    }

    void failed(TrackerException failure) {
        state = failure.reason() == TrackerException.Reason.UNSUPPORTED ? TrackerState.DISABLED : TrackerState.FAILING;
        lastError = Optional.of(failure.getMessage());
    }

    void disable(String why) {
        state = TrackerState.DISABLED;
        lastError = Optional.of(why);
    }

    TrackerSnapshot snapshot(Optional<Instant> nextAnnounce) {
        return new TrackerSnapshot(url, tier, state.label(), lastAnswer, nextAnnounce, peersReceived, seeders,
                leechers, lastError, warning);
    }
}
