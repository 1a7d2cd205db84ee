package dev.piecewise.core.choke;

import dev.piecewise.core.plugin.CallWatch;
import dev.piecewise.core.plugin.PluginOverrun;
import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingEvent;
import dev.piecewise.spi.choking.ChokingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Decides whom one torrent uploads to, by running its {@link ChokingPolicy} and keeping it within bounds.
 *
 * <p>The engine (or the simulator) registers each connection with {@link #add}, reports the events with the methods
 * below, and calls {@link #tick} often (every second); each of these returns the {@link ChokeChanges} to send. A
 * rechoke runs when the policy's interval has passed since the last scheduled one, at the first tick after a policy
 * is set, and at once after an event the policy {@linkplain ChokingPolicy#triggers() asked for}.
 *
 * <p>Limits: at most {@link #maxUnchoked()} peers are unchoked at once (regular and optimistic together; default
 * {@value #DEFAULT_MAX_UNCHOKED}, libtorrent's default number of upload slots, which leaves tit-for-tat's 4 + 1 room
 * for unchoked peers that are not interested), and only connected peers. A policy that throws, returns nothing,
 * names a peer that is not connected or unchokes more than the limit is reported once (a warning naming it) and
 * replaced for this torrent by the core's {@link SafeChokingPolicy} until another policy is set.
 *
 * <p>A caller that knows when a peer's {@link ChokePeer#peerChoking()} or {@link ChokePeer#amInterested()} changes
 * may {@linkplain #reportChanges() promise to report} each change ({@link #peerStateChanged}); ticks and rechokes then
 * observe only the peers reported, not all of them (the simulator's thousands of chokers tick every second).
 *
 * <p>Not thread-safe: called under the torrent's lock, like the policy it runs.
 */
public final class Choker<P extends ChokePeer> {

    public static final int DEFAULT_MAX_UNCHOKED = 8;

    private static final Logger log = LoggerFactory.getLogger(Choker.class);

    private final String torrent;
    private final RandomGenerator random;
    private final List<PeerEntry<P>> entries = new ArrayList<>();
    private final Map<P, PeerEntry<P>> byPeer = new IdentityHashMap<>();
    private final Map<Long, PeerEntry<P>> byId = new HashMap<>();
    private final CallWatch watch = new CallWatch();
    private final RechokeView view = new RechokeView(entries, watch);
    private final Snapshot snapshot = new Snapshot();
    /** With {@link #reportsChanges}: the entries whose waiting state may have changed since they were observed. */
    private final List<PeerEntry<P>> changed = new ArrayList<>();
    private boolean reportsChanges;
    private long rechokes;
    private long nextId = 1;

    private String policyId;
    /** The jar the policy came from, for messages, or null. */
    private String origin;
    private ChokingPolicy policy;
    private long intervalMillis;
    private Set<ChokingEvent> triggers;
    private String failure;
    private boolean rechokeDue = true;
    private long nextScheduledMillis;

    private boolean seeding;
    private int maxUnchoked = DEFAULT_MAX_UNCHOKED;
    private long uploadCapacity;

    /**
     * @param torrent  names the torrent in log lines
     * @param policyId the id of the policy's provider, for messages
     * @param policy   the policy to start with
     * @param random   randomness for the fallback policy (seeded in the simulator)
     */
    public Choker(String torrent, String policyId, ChokingPolicy policy, RandomGenerator random) {
        this(torrent, policyId, null, policy, random);
    }

    /** A choker whose policy came from the jar {@code origin} (named in messages; null when unknown). */
    public Choker(String torrent, String policyId, String origin, ChokingPolicy policy, RandomGenerator random) {
        this.torrent = Objects.requireNonNull(torrent, "torrent");
        this.random = Objects.requireNonNull(random, "random");
        setPolicy(policyId, origin, policy);
    }

    /** Switches the policy; the next {@link #tick} rechokes with it. Clears an earlier failure. */
    public void setPolicy(String policyId, ChokingPolicy policy) {
        setPolicy(policyId, null, policy);
    }

    /**
     * Switches the policy, naming the jar it came from in messages; the next {@link #tick} rechokes with it. Clears
     * an earlier failure.
     */
    public void setPolicy(String policyId, String origin, ChokingPolicy policy) {
        this.policyId = Objects.requireNonNull(policyId, "policyId");
        this.origin = origin;
        this.failure = null;
        this.rechokeDue = true;
        watch.begin();
        try {
            Duration interval = Objects.requireNonNull(policy, "no policy").interval();
            if (interval == null || interval.isNegative() || interval.isZero()) {
                fail("has no positive rechoke interval: " + interval, null);
                return;
            }
            Set<ChokingEvent> asked = policy.triggers();
            this.triggers = asked == null || asked.isEmpty() ? Set.of() : EnumSet.copyOf(asked);
            this.intervalMillis = interval.toMillis();
            this.policy = policy;
        } catch (RuntimeException | LinkageError | StackOverflowError | PluginOverrun e) {
            fail("failed when asked for its interval and triggers: " + e, e);
        } finally {
            watch.end();
        }
    }

    /** Registers a connection that completed its handshake; it starts choked. */
    public ChokeChanges<P> add(P peer, long nowMillis) {
        if (byPeer.containsKey(peer)) {
            return ChokeChanges.none();
        }
        var entry = new PeerEntry<>(peer, nextId++, nowMillis, watch, snapshot);
        entries.add(entry);
        markChanged(entry);
        byPeer.put(peer, entry);
        byId.put(entry.id(), entry);
        return on(ChokingEvent.PEER_CONNECTED, nowMillis);
    }

    /** Forgets a connection that closed; its slot, if it had one, is free. */
    public ChokeChanges<P> remove(P peer, long nowMillis) {
        PeerEntry<P> entry = byPeer.remove(peer);
        if (entry == null) {
            return ChokeChanges.none();
        }
        entries.remove(entry);
        entry.removed = true;
        byId.remove(entry.id());
        return on(ChokingEvent.PEER_DISCONNECTED, nowMillis);
    }

    /** Reports that a peer became interested in our pieces, or stopped being so. */
    public ChokeChanges<P> interestChanged(P peer, boolean interested, long nowMillis) {
        if (!byPeer.containsKey(peer)) {
            return ChokeChanges.none();
        }
        return on(interested ? ChokingEvent.PEER_INTERESTED : ChokingEvent.PEER_NOT_INTERESTED, nowMillis);
    }

    /**
     * Promises that from now on the caller reports every change of a registered peer's {@code peerChoking()} or
     * {@code amInterested()} through {@link #peerStateChanged}, so that ticks and rechokes observe only those peers.
     */
    public void reportChanges() {
        reportsChanges = true;
    }

    /** The peer's {@code peerChoking()} or {@code amInterested()} may have changed (see {@link #reportChanges()}). */
    public void peerStateChanged(P peer) {
        PeerEntry<P> entry = byPeer.get(peer);
        if (entry != null) {
            markChanged(entry);
        }
    }

    private void markChanged(PeerEntry<P> entry) {
        if (!entry.changePending) {
            entry.changePending = true;
            changed.add(entry);
        }
    }

    /**
     * Observes whether each peer keeps us waiting: every peer, or only those reported changed (observing an unchanged
     * peer again changes nothing).
     */
    private void observe(long nowMillis) {
        snapshot.at(nowMillis);
        if (!reportsChanges) {
            for (PeerEntry<P> entry : entries) {
                entry.observe(nowMillis);
            }
            return;
        }
        for (PeerEntry<P> entry : changed) {
            entry.changePending = false;
            if (!entry.removed) {
                entry.observe(nowMillis);
            }
        }
        changed.clear();
    }

    /** Sets whether the torrent only seeds; becoming a seed is an event policies may ask for. */
    public ChokeChanges<P> setSeeding(boolean seeding, long nowMillis) {
        boolean becameSeed = seeding && !this.seeding;
        this.seeding = seeding;
        return becameSeed ? on(ChokingEvent.BECAME_SEED, nowMillis) : ChokeChanges.none();
    }

    /** Rechokes if one is due; otherwise only notes which peers keep us waiting (for snubbing). */
    public ChokeChanges<P> tick(long nowMillis) {
        if (rechokeDue || nowMillis >= nextScheduledMillis) {
            // a steady cadence, but no burst of catch-up rechokes after a stall
            nextScheduledMillis = rechokeDue || nowMillis - nextScheduledMillis >= intervalMillis
                    ? nowMillis + intervalMillis : nextScheduledMillis + intervalMillis;
            rechokeDue = false;
            return rechoke(nowMillis, true);
        }
        observe(nowMillis);
        return ChokeChanges.none();
    }

    /** How many rechokes ran so far: shares and slots change only in one, so a caller can tell when to look again. */
    public long rechokes() {
        return rechokes;
    }

    /** The most peers unchoked at once; takes effect at the next tick. */
    public void setMaxUnchoked(int maxUnchoked) {
        if (maxUnchoked < 0) {
            throw new IllegalArgumentException("the number of upload slots cannot be negative: " + maxUnchoked);
        }
        this.maxUnchoked = maxUnchoked;
        this.rechokeDue = true;
    }

    public int maxUnchoked() {
        return maxUnchoked;
    }

    /** Our upload capacity in bytes per second if known or capped, else 0; policies may weigh shares by it. */
    public void setUploadCapacity(long bytesPerSecond) {
        this.uploadCapacity = Math.max(0, bytesPerSecond);
    }

    /** The id of the policy set last (even if it failed and the fallback runs instead: see {@link #failure()}). */
    public String policyId() {
        return policyId;
    }

    /** Watches the policy's calls, so that a watchdog can unwind one that does not return. */
    public CallWatch watch() {
        return watch;
    }

    /** Why the policy set last was replaced by the built-in fallback, if it was. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The name of the policy that runs instead of one that failed. */
    public static String fallbackId() {
        return SafeChokingPolicy.ID;
    }

    public boolean isUnchoked(P peer) {
        PeerEntry<P> entry = byPeer.get(peer);
        return entry != null && !entry.amChoking;
    }

    /** The slot an unchoked peer holds, or empty when it is choked (for the {@code O} flag of peer lists). */
    public Optional<ChokingDecision.Slot> slot(P peer) {
        PeerEntry<P> entry = byPeer.get(peer);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.slot);
    }

    /** The peer's weight in dividing a limited upload among unchoked peers; 0 when it is choked. */
    public double share(P peer) {
        PeerEntry<P> entry = byPeer.get(peer);
        return entry == null ? 0 : entry.share;
    }

    /** Whether the peer snubbed us by the last tick (for the {@code S} flag of peer lists). */
    public boolean isSnubbed(P peer) {
        PeerEntry<P> entry = byPeer.get(peer);
        return entry != null && entry.snubbed();
    }

    private ChokeChanges<P> on(ChokingEvent event, long nowMillis) {
        return triggers.contains(event) ? rechoke(nowMillis, false) : ChokeChanges.none();
    }

    private ChokeChanges<P> rechoke(long nowMillis, boolean scheduled) {
        rechokes++;
        observe(nowMillis);
        view.set(nowMillis, seeding, maxUnchoked, uploadCapacity);
        ChokingDecision decision = null;
        boolean failed = false;
        watch.begin();
        try {
            decision = policy.rechoke(view, scheduled);
        } catch (PluginOverrun e) {
            fail("did not return in time", null);
            failed = true;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            fail("failed: " + e, e);
            failed = true;
        } finally {
            watch.end();
        }
        if (failed) {
            decision = policy.rechoke(view, scheduled);
        }
        String nonsense = failure == null ? nonsense(decision) : null;
        if (nonsense != null) {
            fail(nonsense, null);
            decision = policy.rechoke(view, scheduled);
        }
        ChokeChanges<P> changes = apply(decision);
        if (log.isDebugEnabled()) {
            log.debug("torrent {}: {} rechoke{}: {}", torrent, scheduled ? "scheduled" : "triggered",
                    seeding ? " (seeding)" : "", trace());
        }
        return changes;
    }

    /** Every peer as the policy saw it and what it was given, for tracing a policy's decisions. */
    private String trace() {
        var text = new StringBuilder();
        for (PeerEntry<P> entry : entries) {
            text.append(String.format(java.util.Locale.ROOT, "%n  %s %s%s down %.0f up %.0f -> %s", entry.peer,
                    entry.interested() ? "interested" : "not-interested", entry.seed() ? " seed" : "",
                    entry.downloadRate(), entry.uploadRate(), entry.amChoking ? "choked" : entry.slot));
        }
        return text.toString();
    }

    /** What is wrong with a decision, or null. */
    private String nonsense(ChokingDecision decision) {
        if (decision == null) {
            return "returned no decision";
        }
        for (Long id : decision.unchoked().keySet()) {
            if (!byId.containsKey(id)) {
                return "unchoked peer " + id + ", which is not connected";
            }
        }
        if (decision.unchoked().size() > maxUnchoked) {
            return "unchoked " + decision.unchoked().size() + " peers, more than the limit of " + maxUnchoked;
        }
        return null;
    }

    /** Replaces the policy by the fallback for this torrent, with one warning. */
    private void fail(String reason, Throwable cause) {
        failure = "choking policy '" + policyId + "'" + (origin == null ? "" : " (" + origin + ")") + " " + reason;
        log.warn("torrent {}: {}; using the {} policy until another is set", torrent, failure, SafeChokingPolicy.ID,
                cause);
        policy = new SafeChokingPolicy(random);
        intervalMillis = policy.interval().toMillis();
        triggers = policy.triggers();
    }

    /** Applies a decision within the limits (whoever made it) and returns what changed. */
    private ChokeChanges<P> apply(ChokingDecision decision) {
        for (PeerEntry<P> entry : entries) {
            entry.decided = null;
        }
        int accepted = 0;
        for (ChokingDecision.Unchoke unchoke : decision.unchoked().values()) {
            PeerEntry<P> entry = byId.get(unchoke.peer());
            if (entry != null && accepted < maxUnchoked) {
                entry.decided = unchoke;
                accepted++;
            }
        }
        List<P> toChoke = new ArrayList<>();
        List<P> toUnchoke = new ArrayList<>();
        for (PeerEntry<P> entry : entries) {
            if (entry.decided == null && !entry.amChoking) {
                toChoke.add(entry.peer);
            } else if (entry.decided != null && entry.amChoking) {
                toUnchoke.add(entry.peer);
            }
            entry.settle();
        }
        return toChoke.isEmpty() && toUnchoke.isEmpty() ? ChokeChanges.none() : new ChokeChanges<>(toChoke, toUnchoke);
    }
}
