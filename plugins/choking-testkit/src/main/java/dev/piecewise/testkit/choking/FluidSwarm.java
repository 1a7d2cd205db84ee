package dev.piecewise.testkit.choking;

import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.choking.ChokingPolicyProvider;

import java.util.Arrays;
import java.util.Map;

/**
 * A swarm of leechers, all interested in one another for ever, in which every peer runs its own instance of one
 * choking policy: a fluid model in one-second steps for checking what a policy rewards. Each second a peer divides
 * its upload capacity among the peers it unchokes, in proportion to their shares; each peer's policy sees what the
 * others sent it and what it sent them, as 20-second rates and totals, and is consulted at its own interval.
 * Deterministic for a given seed. (The real-network counterpart runs the engine on loopback.)
 */
public final class FluidSwarm {

    private static final int WINDOW_SECONDS = 20;

    private final int size;
    private final long[] capacity;
    private final Swarm[] views;
    private final ChokingPolicy[] policies;
    private final ChokingDecision[] decisions;
    /** sent[second % window][from][to]: bytes in that second. */
    private final long[][][] sent;
    private final long[] received;

    /**
     * @param uploadCapacity each peer's upload in bytes per second (0 for a free rider)
     * @param maxUnchoked    the core's limit each peer's policy sees
     */
    public FluidSwarm(ChokingPolicyProvider provider, Map<String, String> options, long[] uploadCapacity,
                      int maxUnchoked, long seed) {
        size = uploadCapacity.length;
        capacity = uploadCapacity.clone();
        views = new Swarm[size];
        policies = new ChokingPolicy[size];
        decisions = new ChokingDecision[size];
        for (int me = 0; me < size; me++) {
            views[me] = new Swarm();
            views[me].maxUnchoked = maxUnchoked;
            for (int other = 0; other < size; other++) {
                if (other != me) {
                    views[me].add(other).interestedInUs();
                }
            }
            policies[me] = provider.create(Swarm.context(provider.options(), options, seed * 31 + me));
            decisions[me] = new ChokingDecision();
        }
        sent = new long[WINDOW_SECONDS][size][size];
        received = new long[size];
    }

    /**
     * What a free rider gets under a policy: eleven peers uploading 100 kB/s each and one uploading nothing, all
     * running the policy for ten simulated minutes; the free rider's bytes received over the contributors' mean.
     */
    public static double freeRiderRatio(ChokingPolicyProvider provider, int maxUnchoked, long seed) {
        long[] capacity = new long[12];
        Arrays.fill(capacity, 100_000);
        capacity[11] = 0;
        long[] received = new FluidSwarm(provider, Map.of(), capacity, maxUnchoked, seed).run(600);
        return received[11] / Arrays.stream(received, 0, 11).average().orElseThrow();
    }

    /** Runs the swarm for {@code seconds} and returns the bytes each peer received. */
    public long[] run(int seconds) {
        long[] nextRechoke = new long[size];
        for (int second = 0; second < seconds; second++) {
            long now = second * 1000L;
            updateViews(second, now);
            for (int me = 0; me < size; me++) {
                if (now >= nextRechoke[me]) {
                    decisions[me] = views[me].apply(policies[me].rechoke(views[me], true));
                    nextRechoke[me] = now + policies[me].interval().toMillis();
                }
            }
            transfer(second);
        }
        return received.clone();
    }

    private void transfer(int second) {
        long[][] now = sent[second % WINDOW_SECONDS];
        for (long[] row : now) {
            Arrays.fill(row, 0);
        }
        for (int from = 0; from < size; from++) {
            ChokingDecision decision = decisions[from];
            double shares = decision.unchoked().values().stream().mapToDouble(ChokingDecision.Unchoke::share).sum();
            for (ChokingDecision.Unchoke unchoke : decision.unchoked().values()) {
                int to = (int) unchoke.peer();
                long bytes = Math.round(capacity[from] * unchoke.share() / shares);
                now[from][to] = bytes;
                received[to] += bytes;
            }
        }
    }

    private void updateViews(int second, long now) {
        int span = Math.min(second, WINDOW_SECONDS);
        for (int me = 0; me < size; me++) {
            views[me].now = now;
            for (Swarm.Peer peer : views[me].peers) {
                int other = (int) peer.id;
                long fromOther = 0;
                long toOther = 0;
                for (int s = 1; s <= span; s++) {
                    long[][] slot = sent[(second - s) % WINDOW_SECONDS];
                    fromOther += slot[other][me];
                    toOther += slot[me][other];
                }
                peer.downloadRate = span == 0 ? 0 : fromOther / (double) span;
                peer.uploadRate = span == 0 ? 0 : toOther / (double) span;
                if (second > 0) {
                    peer.downloaded += sent[(second - 1) % WINDOW_SECONDS][other][me];
                    peer.uploaded += sent[(second - 1) % WINDOW_SECONDS][me][other];
                }
            }
        }
    }
}
