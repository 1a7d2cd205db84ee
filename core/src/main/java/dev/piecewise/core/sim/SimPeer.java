package dev.piecewise.core.sim;

import dev.piecewise.core.choke.Choker;
import dev.piecewise.core.picker.PiecePicker;
import dev.piecewise.core.swarm.PeerOutcome;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated client: the core's real {@link PiecePicker} and {@link Choker} with the peer's own strategy and
 * policy instances, its connections, its link capacities and what it did.
 */
final class SimPeer {

    final int number;
    final String className;
    final boolean initialSeed;
    final boolean freeRider;
    /** Bytes per second. */
    final long upload;
    /** Bytes per second; 0 for no limit. */
    final long download;
    final SplittableRandom random;

    PiecePicker picker;
    Choker<SimLink> choker;
    /** Verified pieces, to send as a bitfield to new connections. */
    final BitSet have = new BitSet();
    final List<SimLink> links = new ArrayList<>();
    /** This peer's halves of the transfers it is sending now. */
    final List<SimLink> serving = new ArrayList<>();
    /** The uploader's halves of the transfers this peer is receiving now. */
    final List<SimLink> receiving = new ArrayList<>();
    /**
     * Changes of interest its choker has yet to hear of in this instant: a link whose remote peer became not
     * interested (index 0) and one whose remote peer became interested (index 1), or null when there are none.
     */
    SimLink[] interestNews;

    /** Tops up all its connections; queued at most once at a time. */
    Runnable refillTask;
    boolean refillPending;
    /** The choker's rechoke count when the transfers' weights were last matched to its shares. */
    long weighedAtRechoke = -1;
    boolean present;
    boolean departed;
    long arrival = PeerOutcome.NEVER;
    long firstPiece = PeerOutcome.NEVER;
    long completion = PeerOutcome.NEVER;
    long departure = PeerOutcome.NEVER;
    long lastAnnounce = Long.MIN_VALUE;
    /** When the next announce is planned; earlier plans replace later ones. */
    long nextAnnounce = Long.MAX_VALUE;
    long uploaded;
    long downloaded;
    /** Of {@link #downloaded}, what came from peers other than the initial seeds. */
    long fromLeechers;

    SimPeer(int number, String className, boolean initialSeed, boolean freeRider, long upload, long download,
            SplittableRandom random) {
        this.number = number;
        this.className = className;
        this.initialSeed = initialSeed;
        this.freeRider = freeRider;
        this.upload = upload;
        this.download = download;
        this.random = random;
    }

    boolean connectedTo(SimPeer other) {
        for (SimLink link : links) {
            if (link.remote == other) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "sim peer " + number + " (" + className + ")";
    }
}
