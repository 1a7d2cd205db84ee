package dev.piecewise.plugin.propshare;

import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.choking.ChokingContext;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingPolicyProvider;

import java.time.Duration;
import java.util.List;

/**
 * {@code propshare}: PropShare, from D. Levin, K. LaCurts, N. Spring and B. Bhattacharjee, "BitTorrent is an Auction:
 * Analyzing and Improving BitTorrent's Incentives", ACM SIGCOMM 2008, pp. 243-254 (doi:10.1145/1402958.1402987).
 *
 * <p>The paper models each round of BitTorrent's choking as an auction in which peers bid with the bandwidth they gave
 * us, and shows that the reference algorithm (a fixed number of equal slots for the top bidders) rewards strategic
 * peers that give just enough to rank, as BitTyrant does. PropShare instead divides the upload among all the peers
 * that contributed in the previous round, each in proportion to its contribution, and keeps a fraction for optimistic
 * unchokes so that newcomers can start; within the paper's model this makes giving more never pay less (strategy
 * proof), and in its experiments it downloaded faster than BitTorrent and BitTyrant peers.
 *
 * <p>Here a round is the rechoke interval (10 s). The contribution of a peer is the block bytes it sent us since the
 * last round ({@code downloaded()} grows), and the decision carries it as the peer's {@code share}; the core and the
 * simulator divide a limited upload among unchoked peers in proportion to their shares. By default 20 % of the upload
 * goes to one optimistic peer, as much as the reference client's one optimistic slot in five; it rotates every
 * 30 seconds among the interested peers that hold no proportional share.
 *
 * <p>Trade-offs: (1) shares only matter when the upload is limited and divided by them; with an unlimited upload
 * TCP divides it and PropShare acts like "unchoke every contributor"; (2) it unchokes every contributor, up to the
 * core's cap (the largest contributors first), so more connections carry data than with four slots; (3) it reacts a
 * round late and has no memory beyond one round, so a peer that stalls for a round loses its share at once; (4) a
 * seed (and a leecher before anyone has sent it anything) has no contributions to weigh, so then the upload is shared
 * equally among {@code bootstrap-peers} interested peers, chosen and rotated like the optimistic one.
 */
public final class PropShareProvider implements ChokingPolicyProvider {

    static final String OPTIMISTIC_SHARE = "optimistic-share";
    static final String OPTIMISTIC_PEERS = "optimistic-peers";
    static final String BOOTSTRAP_PEERS = "bootstrap-peers";
    static final String INTERVAL = "interval";
    static final String OPTIMISTIC_INTERVAL = "optimistic-interval";

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.decimal(OPTIMISTIC_SHARE, 0.2, 0.01, 0.9,
                    "the fraction of the upload given to optimistic peers while others contribute"),
            OptionSpec.integer(OPTIMISTIC_PEERS, 1, 1, 20, "peers sharing the optimistic fraction"),
            OptionSpec.integer(BOOTSTRAP_PEERS, 4, 1, 100,
                    "peers sharing the upload equally when nobody contributed (at the start, and while seeding)"),
            OptionSpec.duration(INTERVAL, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(10),
                    "the length of a round"),
            OptionSpec.duration(OPTIMISTIC_INTERVAL, Duration.ofSeconds(30), Duration.ofSeconds(1),
                    Duration.ofMinutes(30), "how often the optimistic peers rotate (in whole rounds)"));

    @Override
    public String id() {
        return "propshare";
    }

    @Override
    public String description() {
        return "PropShare (Levin et al. 2008): upload shared in proportion to what each peer gave us last round";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public ChokingPolicy create(ChokingContext context) {
        return new PropSharePolicy(context.options(), context.random());
    }
}
