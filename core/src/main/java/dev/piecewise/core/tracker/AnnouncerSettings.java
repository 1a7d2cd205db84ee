package dev.piecewise.core.tracker;

import java.time.Duration;

/**
 * How an announcer paces itself.
 *
 * @param numWant          peers to ask for at each announce
 * @param callTimeout      the deadline of one announce or scrape; the call is interrupted when it passes
 * @param minimumInterval  the shortest wait between regular announces whatever a tracker says, and between
 *                         announces asked for early when the tracker gives no min interval
 * @param maximumInterval  the longest wait between regular announces whatever a tracker says
 * @param retryBase        the wait after a tier's first failed round; it doubles after each further one
 * @param retryMax         the longest wait after failures
 * @param scrapeInterval   how often trackers are scraped for their seeders and leechers
 */
public record AnnouncerSettings(int numWant, Duration callTimeout, Duration minimumInterval,
                                Duration maximumInterval, Duration retryBase, Duration retryMax,
                                Duration scrapeInterval) {

    public AnnouncerSettings {
        if (numWant < 0) {
            throw new IllegalArgumentException("numWant must not be negative: " + numWant);
        }
        if (minimumInterval.compareTo(maximumInterval) > 0 || retryBase.compareTo(retryMax) > 0) {
            throw new IllegalArgumentException("a minimum is larger than its maximum");
        }
    }

    /**
     * What the engine uses: 50 peers, 30 s per call, intervals kept within 1 minute and 1 hour, retries after 15 s
     * doubling up to 30 minutes, a scrape every 15 minutes.
     */
    public static AnnouncerSettings defaults() {
        return new AnnouncerSettings(50, Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofSeconds(15), Duration.ofMinutes(30), Duration.ofMinutes(15));
    }
}
