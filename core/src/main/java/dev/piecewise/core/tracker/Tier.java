package dev.piecewise.core.tracker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One tier of trackers (BEP 12): shuffled once, tried in order, and the one that answers moves to the front. A tier
 * announces to one tracker at a time. Guarded by its announcer's lock.
 */
final class Tier {

    final int index;
    /** The trackers in the order they are tried. */
    final List<TrackerEntry> order;
    private int position;
    private int failedInRound;
    /** Rounds in a row in which every tracker failed; sets the backoff. */
    int failedRounds;
    /** The download finished and no tracker of this tier has been told yet. */
    boolean completionOwed;
    Scheduler.Scheduled next;
    Optional<Instant> nextAt = Optional.empty();
    TrackerCall<?> inFlight;

    Tier(int index, List<TrackerEntry> trackers, Random random) {
        this.index = index;
        this.order = new ArrayList<>(trackers);
        Collections.shuffle(order, random);
    }

    /** The tracker to announce to next. */
    TrackerEntry current() {
        return order.get(position);
    }

    void answered(TrackerEntry tracker) {
        order.remove(tracker);
        order.addFirst(tracker);
        position = 0;
        failedInRound = 0;
        failedRounds = 0;
    }

    /**
     * The current tracker failed: moves on to the next one.
     *
     * @return {@code true} when every tracker of the tier has now failed in a row, ending a round
     */
    boolean failed() {
        position = (position + 1) % order.size();
        if (++failedInRound < order.size()) {
            return false;
        }
        failedInRound = 0;
        failedRounds++;
        return true;
    }

    void cancelNext() {
        if (next != null) {
            next.cancel();
            next = null;
        }
        nextAt = Optional.empty();
    }

    /** Forgets failures and owed events, for a fresh start of the torrent. */
    void reset() {
        failedInRound = 0;
        failedRounds = 0;
        completionOwed = false;
    }
}
