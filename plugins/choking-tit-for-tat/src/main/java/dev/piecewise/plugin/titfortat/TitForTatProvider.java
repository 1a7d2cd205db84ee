package dev.piecewise.plugin.titfortat;

import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.choking.ChokingContext;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingPolicyProvider;

import java.time.Duration;
import java.util.List;

/**
 * {@code tit-for-tat}: the choking algorithm of the BitTorrent specification, as the mainline client deployed it and
 * Cohen described it in "Incentives Build Robustness in BitTorrent" (2003).
 *
 * <ul>
 *   <li>Every 10 seconds the four interested peers with the best rate hold the regular slots: while downloading, the
 *       rate at which they send to us; while seeding, the rate at which we send to them.</li>
 *   <li>A peer that sends us nothing does not hold a regular slot (as in the mainline client, which wanted 1 kB/s);
 *       a regular slot left empty is filled like the optimistic one, so at the start, and for a seed before it has
 *       measured anyone, the slots go round at random instead of to whoever connected first.</li>
 *   <li>Anti-snubbing: while downloading, a peer that unchokes us but has sent no block for a minute loses its regular
 *       slot (it may still be picked optimistically).</li>
 *   <li>Peers that are not interested but send to us faster than the slowest regular peer are unchoked too, so they
 *       can start at once; when one becomes interested the policy is consulted at once and the slowest of the four
 *       is choked.</li>
 *   <li>Every 30 seconds one more interested peer is unchoked optimistically, whatever its rate; peers connected for
 *       less than a minute are three times as likely to be picked. The previous pick is passed over when others are
 *       waiting, so the slot really rotates.</li>
 * </ul>
 *
 * Everything stays within the core's limit on unchoked peers: regular and optimistic slots first, then uninterested
 * peers while room is left.
 */
public final class TitForTatProvider implements ChokingPolicyProvider {

    static final String SLOTS = "slots";
    static final String OPTIMISTIC_SLOTS = "optimistic-slots";
    static final String INTERVAL = "interval";
    static final String OPTIMISTIC_INTERVAL = "optimistic-interval";
    static final String SNUB_TIME = "snub-time";
    static final String NEW_PEER_AGE = "new-peer-age";
    static final String NEW_PEER_WEIGHT = "new-peer-weight";

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.integer(SLOTS, 4, 0, 100, "regular slots: interested peers with the best rate"),
            OptionSpec.integer(OPTIMISTIC_SLOTS, 1, 0, 20, "peers unchoked optimistically, whatever their rate"),
            OptionSpec.duration(INTERVAL, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(10),
                    "how often the regular slots are decided"),
            OptionSpec.duration(OPTIMISTIC_INTERVAL, Duration.ofSeconds(30), Duration.ofSeconds(1),
                    Duration.ofMinutes(30), "how often the optimistic slot rotates (in whole intervals)"),
            OptionSpec.duration(SNUB_TIME, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofMinutes(30),
                    "how long an unchoking peer may send nothing before it loses its regular slot"),
            OptionSpec.duration(NEW_PEER_AGE, Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(1),
                    "peers connected for less than this count as new"),
            OptionSpec.decimal(NEW_PEER_WEIGHT, 3, 1, 100,
                    "how many times likelier a new peer is to be picked optimistically"));

    @Override
    public String id() {
        return "tit-for-tat";
    }

    @Override
    public String description() {
        return "the BitTorrent reference: 4 best-rate peers every 10 s, 1 optimistic every 30 s, anti-snubbing";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public ChokingPolicy create(ChokingContext context) {
        return new TitForTatPolicy(context.options(), context.random());
    }
}
