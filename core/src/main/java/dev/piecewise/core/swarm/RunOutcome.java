package dev.piecewise.core.swarm;

import java.util.List;

/**
 * What one run of one strategy in a swarm produced.
 *
 * @param strategy         the strategy spec every leecher ran
 * @param choking          the choking policy every peer ran
 * @param run              the run's number, from 1
 * @param seed             the random seed of the run
 * @param finished         whether every leecher completed (or left complete) before the run's time limit
 * @param durationMillis   how long the run lasted, in the swarm's time
 * @param seedBytesUntilAllOut bytes the initial seeds uploaded until every piece had been completed by some leecher,
 *                         or {@link PeerOutcome#NEVER} if that never happened
 * @param allOutMillis     when that happened, or {@link PeerOutcome#NEVER}
 * @param totalLength      the torrent's size in bytes
 * @param peers            every peer, seeds first
 * @param availability     piece availability among the leechers over time, oldest first
 */
public record RunOutcome(String strategy, String choking, int run, long seed, boolean finished, long durationMillis,
                         long seedBytesUntilAllOut, long allOutMillis, long totalLength, List<PeerOutcome> peers,
                         List<AvailabilitySample> availability) {

    public RunOutcome {
        peers = List.copyOf(peers);
        availability = List.copyOf(availability);
    }

    /** The leechers (every peer that was not an initial seed). */
    public List<PeerOutcome> leechers() {
        return peers.stream().filter(peer -> !peer.seed()).toList();
    }

    /** How many copies of the torrent the initial seeds served before every piece was out, or NaN. */
    public double seedCopiesUntilAllOut() {
        return seedBytesUntilAllOut == PeerOutcome.NEVER ? Double.NaN : (double) seedBytesUntilAllOut / totalLength;
    }
}
