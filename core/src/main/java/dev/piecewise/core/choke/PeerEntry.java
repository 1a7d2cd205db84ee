package dev.piecewise.core.choke;

import dev.piecewise.core.plugin.CallWatch;
import dev.piecewise.core.stats.RateMeter;
import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.PeerStats;

/**
 * The choker's record of one connection: what it decided (choked or not, slot, share) and, as {@link PeerStats}, the
 * figures of the peer as of the current rechoke, so that a policy sees one consistent snapshot during a rechoke.
 *
 * <p>Whether the peer keeps us waiting (choking state and our interest) is observed at ticks and rechokes. The other
 * figures are read from the peer when a policy first asks for them in a rechoke and kept until the next one: a
 * policy that never reads a peer's upload rate costs no walk over its meter (the simulator runs millions of
 * rechokes).
 */
final class PeerEntry<P extends ChokePeer> implements PeerStats {

    static final long SNUB_MILLIS = 60_000;
    private static final long NOT_WAITING = Long.MAX_VALUE;

    // which of the figures read on demand are current, one bit each
    private static final int DOWNLOAD_RATE = 1;
    private static final int UPLOAD_RATE = 1 << 1;
    private static final int DOWNLOADED = 1 << 2;
    private static final int UPLOADED = 1 << 3;
    private static final int INTERESTED = 1 << 4;
    private static final int SEED = 1 << 5;
    private static final int LAST_BLOCK = 1 << 6;

    final P peer;
    private final long id;
    private final long connectedMillis;
    private final CallWatch watch;
    private final Snapshot snapshot;

    // the choker's decisions: the one being applied, then the one in force
    ChokingDecision.Unchoke decided;
    boolean amChoking = true;
    ChokingDecision.Slot slot;
    double share;
    /** Whether the caller reported a change not yet observed (see {@link Choker#peerStateChanged}). */
    boolean changePending;
    boolean removed;

    // observed at ticks and rechokes
    private boolean amInterested;
    private boolean chokingUs;
    // since when the peer unchokes us while we are interested
    private long expectingSinceMillis = NOT_WAITING;

    // read on demand, valid for the snapshot generation `generation`, bits in `known`
    private int generation = -1;
    private int known;
    private double downloadRate;
    private double uploadRate;
    private long downloaded;
    private long uploaded;
    private boolean interested;
    private boolean seed;
    private long lastBlockMillis;

    PeerEntry(P peer, long id, long connectedMillis, CallWatch watch, Snapshot snapshot) {
        this.peer = peer;
        this.watch = watch;
        this.id = id;
        this.connectedMillis = connectedMillis;
        this.snapshot = snapshot;
    }

    /** Notes whether the peer keeps us waiting; cheap enough for every tick. */
    void observe(long now) {
        chokingUs = peer.peerChoking();
        amInterested = peer.amInterested();
        boolean expecting = !chokingUs && amInterested;
        if (!expecting) {
            expectingSinceMillis = NOT_WAITING;
        } else if (expectingSinceMillis == NOT_WAITING) {
            expectingSinceMillis = now;
        }
    }

    /** Whether the figure {@code bit} was read in this snapshot; marks it read. */
    private boolean known(int bit) {
        if (generation != snapshot.generation) {
            generation = snapshot.generation;
            known = 0;
        }
        boolean wasKnown = (known & bit) != 0;
        known |= bit;
        return wasKnown;
    }

    private long lastBlock() {
        if (!known(LAST_BLOCK)) {
            long lastAdd = peer.downloadMeter().lastAddMillis();
            lastBlockMillis = lastAdd == RateMeter.NEVER ? connectedMillis : Math.max(lastAdd, connectedMillis);
        }
        return lastBlockMillis;
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
        if (!known(DOWNLOAD_RATE)) {
            downloadRate = peer.downloadMeter().rate(snapshot.nowMillis);
        }
        return downloadRate;
    }

    @Override
    public double uploadRate() {
        watch.check();
        if (!known(UPLOAD_RATE)) {
            uploadRate = peer.uploadMeter().rate(snapshot.nowMillis);
        }
        return uploadRate;
    }

    @Override
    public long downloaded() {
        watch.check();
        if (!known(DOWNLOADED)) {
            downloaded = peer.downloadMeter().total();
        }
        return downloaded;
    }

    @Override
    public long uploaded() {
        watch.check();
        if (!known(UPLOADED)) {
            uploaded = peer.uploadMeter().total();
        }
        return uploaded;
    }

    @Override
    public boolean interested() {
        watch.check();
        if (!known(INTERESTED)) {
            interested = peer.peerInterested();
        }
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
        if (!known(SEED)) {
            seed = peer.peerIsSeed();
        }
        return seed;
    }

    @Override
    public boolean snubbed() {
        watch.check();
        long waitingSince = waitingSinceMillis();
        return waitingSince != NOT_WAITING && snapshot.nowMillis - waitingSince >= SNUB_MILLIS;
    }

    @Override
    public long waitingSinceMillis() {
        watch.check();
        return expectingSinceMillis == NOT_WAITING ? NOT_WAITING : Math.max(expectingSinceMillis, lastBlock());
    }

    @Override
    public long connectedMillis() {
        watch.check();
        return connectedMillis;
    }

    @Override
    public long lastBlockMillis() {
        watch.check();
        return lastBlock();
    }

    @Override
    public String toString() {
        return "peer " + id + (amChoking ? " choked" : " unchoked " + slot);
    }
}
