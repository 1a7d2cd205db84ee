package dev.piecewise.plugin.roundrobin;

import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.choking.ChokingContext;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingPolicyProvider;

import java.time.Duration;
import java.util.List;

/**
 * {@code round-robin}: a seeding policy that gives every interested leecher its turn. At each interval the slots go to
 * the interested peers that have waited longest since they last had one (newcomers queue behind those already
 * waiting), so with {@code n} leechers and {@code s} slots every leecher is served once every {@code n / s} intervals,
 * however fast or slow it is. A slot freed between intervals (the peer left or lost interest) is refilled at once from
 * the head of the queue.
 *
 * <p>While downloading, reciprocation still matters: all but one slot go to the peers that send us the most (not
 * snubbing us), and the remaining slot keeps going round, so newcomers and free riders get a turn but no more.
 *
 * <p>Trade-off: fair and hard to game while seeding, but it ignores how fast a peer can take our data, so it may use
 * less of a fast uplink than {@code fastest-upload}, and each rotation restarts TCP slow start on the new slots.
 */
public final class RoundRobinProvider implements ChokingPolicyProvider {

    static final String SLOTS = "slots";
    static final String INTERVAL = "interval";

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.integer(SLOTS, 4, 1, 100, "peers unchoked at a time"),
            OptionSpec.duration(INTERVAL, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(10),
                    "how long a turn lasts"));

    @Override
    public String id() {
        return "round-robin";
    }

    @Override
    public String description() {
        return "seeding: every interested leecher gets the upload slots in turn";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public ChokingPolicy create(ChokingContext context) {
        return new RoundRobinPolicy((int) context.options().integer(SLOTS), context.options().duration(INTERVAL));
    }
}
