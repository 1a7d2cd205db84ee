package dev.piecewise.core.sim;

import dev.piecewise.core.choke.Choker;

/**
 * How the simulated clients and their network behave, beyond the swarm plan.
 *
 * @param initiateLimit       a peer opens connections to the peers the tracker names while it has fewer than this
 * @param connectionLimit     a peer accepts connections while it has fewer than this
 * @param trackerAnswer       how many random peers the simulated tracker returns per announce
 * @param minPeers            below this many connections a peer announces again early, for more peers
 * @param announceMillis      how often a peer announces regularly (the tracker's interval)
 * @param minAnnounceMillis   the least time between two announces of one peer
 * @param pipeline            the most block requests a peer keeps outstanding at one connection
 * @param uploadSlots         the most peers one peer unchokes at once (the choker's limit)
 * @param sampleMillis        how often piece availability is sampled
 * @param timeLimitMillis     when the run stops even if leechers are still downloading
 */
public record SimSettings(int initiateLimit, int connectionLimit, int trackerAnswer, int minPeers,
                          long announceMillis, long minAnnounceMillis, int pipeline, int uploadSlots,
                          long sampleMillis, long timeLimitMillis) {

    /**
     * At most 50 connections per torrent (Transmission's default per-torrent peer limit), opened only up to 25 so that
     * peers arriving later still find room (with one limit for both, the first arrivals of a flash crowd fill each
     * other up and the later ones form islands without the seed); answers of 50 peers (the usual numwant); announces
     * every 30 minutes, early below 20 peers but at most once a minute; 5 requests in flight per connection; the
     * choker's default slot limit; a sample every 5 seconds; a limit of one simulated day.
     */
    public static final SimSettings DEFAULTS = new SimSettings(25, 50, 50, 20, 1_800_000, 60_000, 5,
            Choker.DEFAULT_MAX_UNCHOKED, 5_000, 24 * 3_600_000L);

    public SimSettings {
        if (initiateLimit < 1 || connectionLimit < initiateLimit || trackerAnswer < 1 || minPeers < 0
                || announceMillis < 1 || minAnnounceMillis < 0 || pipeline < 1 || uploadSlots < 1 || sampleMillis < 1
                || timeLimitMillis < 1) {
            throw new IllegalArgumentException("simulator settings out of range: " + this);
        }
    }
}
