package dev.piecewise.core.choke;

import dev.piecewise.core.plugin.CallWatch;
import dev.piecewise.core.stats.RateMeter;
import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.PeerStats;

/**
 * The choker's record of one connection: what it decided (choked or not, slot, share) and, as {@link PeerStats}, the
 * figures of the peer taken at the last refresh, so that a policy sees one consistent snapshot during a rechoke.
 */
final class PeerEntry<P extends ChokePeer> implements PeerStats {

    static final long SNUB_MILLIS = 60_000;
    private static final long NOT_WAITING = Long.MAX_VALUE;

    final P peer;
    private final long id;
    private final long connectedMillis;
    private final CallWatch watch;

    // the choker's decisions: the one being applied, then the one in force
    ChokingDecision.Unchoke decided;
    boolean amChoking = true;
    ChokingDecision.Slot slot;
    double share;

    // the snapshot a policy reads
    private double downloadRate;
    private double uploadRate;
    private long downloaded;
    private long uploaded;
    private boolean interested;
    private boolean amInterested;
    private boolean chokingUs;
    private boolean seed;
    private long lastBlockMillis;
    private long nowMillis;

    // since when the peer unchokes us while we are interested, observed at every tick
    private long expectingSinceMillis = NOT_WAITING;

    PeerEntry(P peer, long id, long connectedMillis, CallWatch watch) {
        this.peer = peer;
        this.watch = watch;
        this.id = id;
        this.connectedMillis = connectedMillis;
        this.lastBlockMillis = connectedMillis;
        this.nowMillis = connectedMillis;
    }

    /** Notes whether the peer keeps us waiting; cheap enough for every tick. */
    void observe(long now) {
        nowMillis = now;
        chokingUs = peer.peerChoking();
        amInterested = peer.amInterested();
        boolean expecting = !chokingUs && amInterested;
        if (!expecting) {
            expectingSinceMillis = NOT_WAITING;
        } else if (expectingSinceMillis == NOT_WAITING) {
            expectingSinceMillis = now;
        }
        long lastBlock = peer.downloadMeter().lastAddMillis();
        lastBlockMillis = lastBlock == RateMeter.NEVER ? connectedMillis : Math.max(lastBlock, connectedMillis);
    }

    /** Takes the full snapshot a rechoke needs. */
    void refresh(long now) {
        observe(now);
        RateMeter down = peer.downloadMeter();
        RateMeter up = peer.uploadMeter();
        downloadRate = down.rate(now);
        uploadRate = up.rate(now);
        downloaded = down.total();
        uploaded = up.total();
        interested = peer.peerInterested();
        seed = peer.peerIsSeed();
    }

    /** Puts the decision being applied in force. */
    void settle() {
        amChoking = decided == null;
        slot = decided == null ? null : decided.slot();
        share = decided == null ? 0 : decided.share();
        decided = null;
    }

    @Override
    public long id() {
        watch.check();
        return id;
    }

    @Override
    public double downloadRate() {
        watch.check();
        return downloadRate;
    }

    @Override
    public double uploadRate() {
        watch.check();
        return uploadRate;
    }

    @Override
    public long downloaded() {
        watch.check();
        return downloaded;
    }

    @Override
    public long uploaded() {
        watch.check();
        return uploaded;
    }

    @Override
    public boolean interested() {
        watch.check();
        return interested;
    }

    @Override
    public boolean amInterested() {
        watch.check();
        return amInterested;
    }

    @Override
    public boolean amChoking() {
        watch.check();
        return amChoking;
    }

    @Override
    public boolean chokingUs() {
        watch.check();
        return chokingUs;
    }

    @Override
    public boolean seed() {
        watch.check();
        return seed;
    }

    @Override
    public boolean snubbed() {
        watch.check();
        long waitingSince = waitingSinceMillis();
        return waitingSince != NOT_WAITING && nowMillis - waitingSince >= SNUB_MILLIS;
    }

    @Override
    public long waitingSinceMillis() {
        watch.check();
        return expectingSinceMillis == NOT_WAITING ? NOT_WAITING : Math.max(expectingSinceMillis, lastBlockMillis);
    }

    @Override
    public long connectedMillis() {
        watch.check();
        return connectedMillis;
    }

    @Override
    public long lastBlockMillis() {
        watch.check();
        return lastBlockMillis;
    }

    @Override
    public String toString() {
        return "peer " + id + (amChoking ? " choked" : " unchoked " + slot);
    }
}
