package dev.piecewise.spi.choking;

import java.time.Duration;
import java.util.Set;

/**
 * Decides whom one torrent uploads to. Called by one thread at a time; may keep state between calls (the current
 * optimistic peer, a rotation), but must not keep the views.
 */
public interface ChokingPolicy {

    /** How often the core calls {@link #rechoke}; the BitTorrent reference uses 10 seconds. */
    Duration interval();

    /** The events after which the core should call {@link #rechoke} at once, besides the regular interval. */
    default Set<ChokingEvent> triggers() {
        return Set.of();
    }

    /**
     * Decides which peers to unchoke now. Every peer not in the decision is choked. {@code scheduled} is {@code true}
     * for a call at the regular interval and {@code false} for one caused by a {@linkplain #triggers() trigger}, so
     * that rotations advance only on schedule.
     */
    ChokingDecision rechoke(ChokingView view, boolean scheduled);
}
