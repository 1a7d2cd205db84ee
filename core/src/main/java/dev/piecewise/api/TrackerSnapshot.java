package dev.piecewise.api;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One tracker of a torrent.
 *
 * @param url           its announce URL
 * @param tier          its tier (0 first)
 * @param state         what it is doing: idle, announcing, working, failing, disabled
 * @param lastAnnounce  when we last heard from it
 * @param nextAnnounce  when we will announce to it next
 * @param peersReceived peers it returned at the last announce
 * @param seeders       seeders it reported (announce or scrape)
 * @param leechers      leechers it reported
 * @param lastError     the last error, if the last attempt failed
 * @param warning       the warning message of its last answer, if it sent one (BEP 3 {@code warning message})
 */
public record TrackerSnapshot(String url, int tier, String state, Optional<Instant> lastAnnounce,
                              Optional<Instant> nextAnnounce, int peersReceived, OptionalInt seeders,
                              OptionalInt leechers, Optional<String> lastError,
                              Optional<String> warning) {
}
