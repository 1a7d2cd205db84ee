package dev.piecewise.core.swarm;

import java.util.List;
import java.util.Objects;

/**
 * The swarm a comparison runs every strategy in: the same seeds, leechers, capacities and arrivals for each, so that
 * only the strategy differs.
 *
 * @param seeds          how many peers hold the whole torrent from the start
 * @param seedUpload     each seed's upload capacity in bytes per second
 * @param seedLeaveAfter when the seeds leave, in milliseconds from the start; {@link #NEVER} to stay to the end
 * @param leechers       the kinds of leechers, in the order their members are numbered
 * @param arrivals       when the leechers join
 * @param lingerMillis   how long a leecher keeps seeding after it completes: 0 to leave at once, {@link #NEVER} to stay
 */
public record SwarmPlan(int seeds, long seedUpload, long seedLeaveAfter, List<PeerClass> leechers, Arrivals arrivals,
                        long lingerMillis) {

    /** For times: never. */
    public static final long NEVER = -1;

    public SwarmPlan {
        leechers = List.copyOf(leechers);
        Objects.requireNonNull(arrivals, "arrivals");
        if (seeds < 1) {
            throw new IllegalArgumentException("a swarm needs at least one seed: " + seeds);
        }
        if (seedUpload <= 0) {
            throw new IllegalArgumentException("a seed must upload something: " + seedUpload);
        }
        if (seedLeaveAfter < 0 && seedLeaveAfter != NEVER || lingerMillis < 0 && lingerMillis != NEVER) {
            throw new IllegalArgumentException("times cannot be negative (use NEVER)");
        }
        if (leechers.stream().mapToInt(PeerClass::count).sum() == 0) {
            throw new IllegalArgumentException("a swarm needs at least one leecher");
        }
        if (leechers.stream().map(PeerClass::name).distinct().count() != leechers.size()) {
            throw new IllegalArgumentException("two leecher classes have the same name");
        }
    }

    /** How many leechers join in all. */
    public int leecherCount() {
        return leechers.stream().mapToInt(PeerClass::count).sum();
    }

    /** The class of the {@code index}-th leecher (numbered class after class, in order). */
    public PeerClass classOf(int index) {
        int first = 0;
        for (PeerClass kind : leechers) {
            if (index < first + kind.count()) {
                return kind;
            }
            first += kind.count();
        }
        throw new IndexOutOfBoundsException("leecher " + index + " of " + leecherCount());
    }
}
