package dev.piecewise.core.sim;

import dev.piecewise.core.choke.ChokeChanges;
import dev.piecewise.core.choke.Choker;
import dev.piecewise.core.picker.BlockArrival;
import dev.piecewise.core.picker.CancelSink;
import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.picker.PiecePicker;
import dev.piecewise.core.picker.PickerPeer;
import dev.piecewise.core.stats.RateMeter;
import dev.piecewise.core.swarm.PeerClass;
import dev.piecewise.core.swarm.PeerOutcome;
import dev.piecewise.core.swarm.RunOutcome;
import dev.piecewise.core.swarm.SwarmPlan;
import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.strategy.PieceView;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * One simulated run: the event loop and what each event does to the peers. Control messages (bitfield, have,
 * interested, choke, request, cancel) take no time; block data takes the time its share of the links allows
 * ({@link Bandwidth}). Effects that cross from one peer's picker or choker to another's are queued and run after the
 * call that caused them, in order, so that no picker or choker is re-entered.
 */
final class SimRun {

    private static final long MICROS_PER_MILLI = 1_000;
    private static final long TICK_MICROS = 1_000_000;
    /** How often strategies get fresh download rates of their peers. */
    private static final long RATE_REFRESH_MICROS = 10_000_000;
    /**
     * A meter that has had no bytes for this long has rate 0: a whole window and a slot, so that its last bytes are
     * in a slot outside the window however the slots are aligned.
     */
    private static final long IDLE_MILLIS = RateMeter.DEFAULT_WINDOW.toMillis() + RateMeter.DEFAULT_SLOT.toMillis();
    /** A free rider's client unchokes nobody. */
    private static final ChokingPolicy UNCHOKE_NOBODY = new ChokingPolicy() {
        @Override
        public Duration interval() {
            return Duration.ofSeconds(10);
        }

        @Override
        public ChokingDecision rechoke(dev.piecewise.spi.choking.ChokingView view, boolean scheduled) {
            return new ChokingDecision();
        }
    };

    private final PieceGeometry geometry;
    private final SwarmPlan plan;
    private final SimSettings settings;
    private final SimPolicies policies;
    private final int run;
    private final long seed;
    private final SimProgress progress;

    private final EventQueue events = new EventQueue();
    private final Bandwidth bandwidth;
    private final SwarmRecorder recorder;
    private final SimTracker tracker;
    private final List<SimPeer> peers = new ArrayList<>();
    private final List<SimPeer> seeds = new ArrayList<>();
    /** Every link ever opened, by id. */
    private final List<SimLink> links = new ArrayList<>();
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    /** The peers whose chokers have changes of interest to hear of in this instant, in the order they arose. */
    private final List<SimPeer> interestNews = new ArrayList<>();
    private final CancelSink cancels = this::cancel;
    private long now;
    private int leechersLeft;
    private long nextSampleMicros;
    private long nextRateRefreshMicros;
    private int reportedCompleted = -1;

    SimRun(SimScenario scenario, SimPolicies policies, int run, long seed, SimProgress progress) {
        this.geometry = scenario.geometry();
        this.plan = scenario.plan();
        this.settings = scenario.settings();
        this.policies = policies;
        this.run = run;
        this.seed = seed;
        this.progress = progress;
        this.bandwidth = new Bandwidth(events, geometry);
        this.recorder = new SwarmRecorder(geometry.pieceCount());
        SplittableRandom root = new SplittableRandom(seed);
        this.tracker = new SimTracker(root.split());
        long[] arrivals = plan.arrivals().times(plan.leecherCount(), root.split());
        for (int i = 0; i < plan.seeds(); i++) {
            SimPeer peer = new SimPeer(peers.size(), PeerOutcome.SEED_CLASS, true, false, plan.seedUpload(), 0,
                    root.split());
            peers.add(peer);
            seeds.add(peer);
            events.schedule(0, EventQueue.Kind.ARRIVE, peer);
        }
        for (int i = 0; i < plan.leecherCount(); i++) {
            PeerClass kind = plan.classOf(i);
            SimPeer peer = new SimPeer(peers.size(), kind.name(), false, kind.freeRider(),
                    kind.freeRider() ? 0 : kind.upload(), kind.download(), root.split());
            peers.add(peer);
            events.schedule(arrivals[i] * MICROS_PER_MILLI, EventQueue.Kind.ARRIVE, peer);
        }
        leechersLeft = plan.leecherCount();
    }

    RunOutcome run() {
        events.schedule(0, EventQueue.Kind.TICK, null);
        long limit = settings.timeLimitMillis() * MICROS_PER_MILLI;
        boolean finished = false;
        boolean stalled = false;
        while (!finished && !stalled) {
            long next = events.nextMicros();
            if (next > limit) {
                now = next == Long.MAX_VALUE ? now : limit;
                break;
            }
            now = next;
            SimLink transfer = events.pollTransfer();
            if (transfer != null) {
                blockDone(transfer);
            } else {
                stalled = handle(events.pollEvent());
            }
            drainDeferred();
            finished = leechersLeft == 0;
        }
        recorder.sample(millis());
        progress.advanced(recorder.completedCount(), plan.leecherCount(), millis());
        return outcome(finished);
    }

    /** Handles one event; returns whether the swarm can no longer finish. */
    private boolean handle(EventQueue.Event event) {
        SimPeer peer = event.peer();
        switch (event.kind()) {
            case ARRIVE -> arrive(peer);
            case TICK -> {
                return tick();
            }
            case ANNOUNCE -> {
                if (peer.present && peer.nextAnnounce == event.micros()) {
                    peer.nextAnnounce = Long.MAX_VALUE;
                    announce(peer);
                }
            }
            case DEPART -> {
                if (peer.present) {
                    depart(peer);
                }
            }
        }
        return false;
    }

    private void drainDeferred() {
        while (!deferred.isEmpty() || !interestNews.isEmpty()) {
            Runnable next;
            while ((next = deferred.poll()) != null) {
                next.run();
            }
            tellChokers();
        }
    }

    // ---- arrivals, the tracker, connections --------------------------------------------------------------------

    private void arrive(SimPeer peer) {
        peer.present = true;
        peer.arrival = millis();
        peer.refillTask = () -> refill(peer);
        String name = peer.toString();
        peer.picker = new PiecePicker(name, geometry, peer.random.split(), (pickerPeer, interested) -> {
            SimLink link = linkOf(pickerPeer);
            link.amInterested = interested;
            peer.choker.peerStateChanged(link);
            if (!link.interestPending) {
                link.interestPending = true;
                deferred.add(link.interestTask);
            }
        });
        peer.picker.setStrategy(policies.strategies().apply(peer.random.split()), policies.strategyName());
        ChokingPolicy policy = peer.freeRider ? UNCHOKE_NOBODY : policies.chokers().apply(peer.random.split());
        peer.choker = new Choker<>(name, peer.freeRider ? "free rider" : policies.chokingName(), policy,
                peer.random.split());
        peer.choker.reportChanges();
        peer.choker.setMaxUnchoked(settings.uploadSlots());
        peer.choker.setUploadCapacity(peer.upload);
        if (peer.initialSeed) {
            for (int piece = 0; piece < geometry.pieceCount(); piece++) {
                peer.picker.verified(piece);
            }
            peer.have.set(0, geometry.pieceCount());
            apply(peer, peer.choker.setSeeding(true, millis()));
            if (plan.seedLeaveAfter() != SwarmPlan.NEVER) {
                events.schedule(plan.seedLeaveAfter() * MICROS_PER_MILLI, EventQueue.Kind.DEPART, peer);
            }
        }
        tracker.join(peer);
        recorder.arrived(peer);
        announce(peer);
    }

    /** Asks the tracker for peers and connects to those that accept, then plans the next regular announce. */
    private void announce(SimPeer peer) {
        peer.lastAnnounce = now;
        for (SimPeer other : tracker.answer(peer, settings.trackerAnswer())) {
            if (peer.links.size() >= settings.initiateLimit()) {
                break;
            }
            if (other.links.size() < settings.connectionLimit() && !peer.connectedTo(other)) {
                connect(peer, other);
            }
        }
        announceAt(peer, now + settings.announceMillis() * MICROS_PER_MILLI);
    }

    /** Announces early, as soon as the least time between announces allows. */
    private void announceSoon(SimPeer peer) {
        announceAt(peer, Math.max(now, peer.lastAnnounce + settings.minAnnounceMillis() * MICROS_PER_MILLI));
    }

    private void announceAt(SimPeer peer, long micros) {
        if (micros < peer.nextAnnounce) {
            peer.nextAnnounce = micros;
            events.schedule(micros, EventQueue.Kind.ANNOUNCE, peer);
        }
    }

    private void connect(SimPeer a, SimPeer b) {
        SimLink atA = open(a, b);
        SimLink atB = open(b, a);
        atA.mirror = atB;
        atB.mirror = atA;
        sendHoldings(a, atB);
        sendHoldings(b, atA);
        apply(a, a.choker.add(atA, millis()));
        apply(b, b.choker.add(atB, millis()));
    }

    private SimLink open(SimPeer owner, SimPeer remote) {
        SimLink link = new SimLink(links.size(), owner, remote, millis());
        link.interestTask = () -> interestChanged(link);
        links.add(link);
        link.pickerPeer = owner.picker.join(link.id);
        owner.links.add(link);
        return link;
    }

    /** What {@code from} tells a new connection it has: have-all, have-none or a bitfield. */
    private void sendHoldings(SimPeer from, SimLink receiving) {
        PiecePicker picker = receiving.owner.picker;
        int held = from.have.cardinality();
        if (held == geometry.pieceCount()) {
            picker.haveAll(receiving.pickerPeer);
        } else if (held == 0) {
            picker.haveNone(receiving.pickerPeer);
        } else {
            picker.bitfield(receiving.pickerPeer, from.have);
        }
    }

    private SimLink linkOf(PickerPeer pickerPeer) {
        return links.get((int) pickerPeer.id());
    }

    // ---- interest, choking, requests ---------------------------------------------------------------------------

    /**
     * The owner of {@code link} became interested in its remote peer, or stopped being so (the latest state counts,
     * however often it changed in between). The remote peer's choker
     * hears of it once the current instant's other effects have run, together with the other changes of interest
     * that reached it in the same instant (see {@link #tellChokers}).
     */
    private void interestChanged(SimLink link) {
        link.interestPending = false;
        if (link.closed) {
            return;
        }
        SimPeer peer = link.owner;
        boolean interested = link.amInterested;
        SimLink remoteSide = link.mirror;
        remoteSide.peerInterested = interested;
        SimPeer remote = remoteSide.owner;
        if (remote.interestNews == null) {
            remote.interestNews = new SimLink[2];
            interestNews.add(remote);
        }
        remote.interestNews[interested ? 1 : 0] = remoteSide;
        if (interested) {
            fill(peer, link);
        }
    }

    /**
     * Tells each choker the changes of interest of the instant, as one batch: every peer's new state is already in
     * place, so one call per kind of change (interested, not interested) lets the policy decide on all of them. A
     * peer whose have reaches fifty neighbours at once thus costs its choker at most two rechokes, not fifty.
     */
    private void tellChokers() {
        for (int i = 0; i < interestNews.size(); i++) {
            SimPeer peer = interestNews.get(i);
            SimLink[] news = peer.interestNews;
            peer.interestNews = null;
            for (int kind = 0; kind < 2; kind++) {
                SimLink link = news[kind];
                if (link != null && !link.closed && peer.present) {
                    apply(peer, peer.choker.interestChanged(link, kind == 1, millis()));
                }
            }
        }
        interestNews.clear();
    }

    /** Applies what a peer's choker decided: each change reaches the remote peer at once. */
    private void apply(SimPeer owner, ChokeChanges<SimLink> changes) {
        if (changes.isEmpty()) {
            return;
        }
        for (SimLink link : changes.choke()) {
            SimLink remoteSide = link.mirror;
            remoteSide.peerChoking = true;
            remoteSide.owner.choker.peerStateChanged(remoteSide);
            link.queue.clear();
            remoteSide.owner.picker.choked(remoteSide.pickerPeer, true);
            refillSoon(remoteSide.owner);
        }
        for (SimLink link : changes.unchoke()) {
            SimLink remoteSide = link.mirror;
            remoteSide.peerChoking = false;
            remoteSide.owner.choker.peerStateChanged(remoteSide);
            remoteSide.owner.picker.unchoked(remoteSide.pickerPeer);
            fill(remoteSide.owner, remoteSide);
        }
        reweigh(owner);
    }

    /** Matches the weights of a peer's transfers to its choker's shares, which change only when it rechokes. */
    private void reweigh(SimPeer peer) {
        long rechokes = peer.choker.rechokes();
        if (rechokes != peer.weighedAtRechoke) {
            peer.weighedAtRechoke = rechokes;
            bandwidth.reweigh(peer, now);
        }
    }

    /**
     * Tells a peer's strategy the download rate of each connection. A connection idle for longer than the meter's
     * window has rate 0 without reading the meter, and its picker already knows when it was told 0 before.
     */
    private void refreshRates(SimPeer peer, long millis) {
        for (SimLink link : peer.links) {
            boolean idle = link.lastReceivedMillis == RateMeter.NEVER || millis - link.lastReceivedMillis >= IDLE_MILLIS;
            if (idle && link.reportedRate == 0) {
                continue;
            }
            double rate = idle ? 0 : link.downloadMeter().rate(millis);
            link.reportedRate = rate;
            peer.picker.downloadRate(link.pickerPeer, rate);
        }
    }

    /** Tops up the requests {@code peer} has outstanding over {@code link}, if the remote peer unchokes it. */
    private void fill(SimPeer peer, SimLink link) {
        // interest is checked before the pipeline: it is on the picker's record just read by a have
        if (!peer.present || link.closed || link.peerChoking || !link.pickerPeer.interesting()) {
            return;
        }
        int budget = settings.pipeline() - link.pickerPeer.outstanding();
        if (budget <= 0) {
            return;
        }
        SimLink server = link.mirror;
        int requested = peer.picker.pick(link.pickerPeer, budget,
                (piece, begin, length) -> server.queue.add(SimLink.key(piece, begin / PieceView.BLOCK_SIZE)));
        if (requested > 0 && !server.active) {
            bandwidth.start(server, now);
        }
    }

    /** Plans a {@link #refill} once the current call is done (once per instant, however often asked). */
    private void refillSoon(SimPeer peer) {
        if (!peer.refillPending) {
            peer.refillPending = true;
            deferred.add(peer.refillTask);
        }
    }

    /** Tops up every connection of a peer whose requests went back to the pool. */
    private void refill(SimPeer peer) {
        peer.refillPending = false;
        for (SimLink link : peer.links) {
            fill(peer, link);
        }
    }

    /** Another peer delivered a block first: the request at this one is withdrawn if it has not started sending. */
    private void cancel(PickerPeer other, int piece, int begin, int length) {
        linkOf(other).mirror.queue.remove(SimLink.key(piece, begin / PieceView.BLOCK_SIZE));
    }

    // ---- data --------------------------------------------------------------------------------------------------

    private void blockDone(SimLink server) {
        SimPeer uploader = server.owner;
        SimPeer downloader = server.remote;
        SimLink receiver = server.mirror;
        long key = server.inFlight;
        int length = bandwidth.length(key);
        long millis = millis();
        uploader.uploaded += length;
        downloader.downloaded += length;
        if (!uploader.initialSeed) {
            downloader.fromLeechers += length;
        }
        server.uploadMeter().add(length, millis);
        receiver.downloadMeter().add(length, millis);
        receiver.lastReceivedMillis = millis;
        bandwidth.next(server, now);
        int piece = SimLink.piece(key);
        BlockArrival arrival = downloader.picker.received(receiver.pickerPeer, piece, Bandwidth.begin(key), length,
                cancels);
        if (arrival.completesPiece()) {
            pieceDone(downloader, piece);
        }
        fill(downloader, receiver);
    }

    private void pieceDone(SimPeer peer, int piece) {
        peer.picker.verified(piece);
        peer.have.set(piece);
        if (peer.firstPiece == PeerOutcome.NEVER) {
            peer.firstPiece = millis();
        }
        recorder.verified(peer, piece, millis(), this::seedBytes);
        for (SimLink link : peer.links) {
            SimLink remoteSide = link.mirror;
            remoteSide.owner.picker.have(remoteSide.pickerPeer, piece);
            fill(remoteSide.owner, remoteSide);
        }
        if (peer.picker.complete()) {
            completed(peer);
        }
    }

    private void completed(SimPeer peer) {
        peer.completion = millis();
        leechersLeft--;
        recorder.completed();
        deferred.add(() -> apply(peer, peer.choker.setSeeding(true, millis())));
        if (plan.lingerMillis() != SwarmPlan.NEVER) {
            events.schedule(now + plan.lingerMillis() * MICROS_PER_MILLI, EventQueue.Kind.DEPART, peer);
        }
    }

    private long seedBytes() {
        long bytes = 0;
        for (SimPeer seedPeer : seeds) {
            bytes += seedPeer.uploaded;
        }
        return bytes;
    }

    // ---- time --------------------------------------------------------------------------------------------------

    /** Runs every present peer's choker; samples; returns whether the swarm can no longer finish. */
    private boolean tick() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the simulation was interrupted");
        }
        long millis = millis();
        boolean refreshRates = now >= nextRateRefreshMicros;
        for (SimPeer peer : tracker.present()) {
            apply(peer, peer.choker.tick(millis));
            reweigh(peer);
            if (refreshRates) {
                refreshRates(peer, millis);
            }
        }
        if (refreshRates) {
            nextRateRefreshMicros = now + RATE_REFRESH_MICROS;
        }
        boolean stalled = false;
        if (now >= nextSampleMicros) {
            recorder.sample(millis);
            nextSampleMicros = now + settings.sampleMillis() * MICROS_PER_MILLI;
            stalled = cannotFinish();
        }
        if (recorder.completedCount() != reportedCompleted) {
            reportedCompleted = recorder.completedCount();
            progress.advanced(reportedCompleted, plan.leecherCount(), millis);
        }
        events.schedule(now + TICK_MICROS, EventQueue.Kind.TICK, null);
        return stalled;
    }

    /** Every leecher has arrived, no seed is left and some piece is on no leecher: nobody can complete any more. */
    private boolean cannotFinish() {
        boolean allArrived = peers.stream().allMatch(peer -> peer.arrival != PeerOutcome.NEVER);
        boolean seedPresent = seeds.stream().anyMatch(peer -> peer.present);
        return allArrived && !seedPresent && recorder.pieceMissingAmongLeechers();
    }

    private void depart(SimPeer peer) {
        peer.present = false;
        peer.departure = millis();
        tracker.leave(peer);
        recorder.departed(peer);
        for (SimLink link : List.copyOf(peer.links)) {
            close(link);
        }
        peer.links.clear();
    }

    private void close(SimLink link) {
        SimLink remoteSide = link.mirror;
        SimPeer remote = remoteSide.owner;
        bandwidth.stop(link, now);
        bandwidth.stop(remoteSide, now);
        link.closed = true;
        remoteSide.closed = true;
        remote.picker.leave(remoteSide.pickerPeer);
        remote.links.remove(remoteSide);
        apply(remote, remote.choker.remove(remoteSide, millis()));
        refillSoon(remote);
        if (remote.links.size() < settings.minPeers()) {
            announceSoon(remote);
        }
    }

    private long millis() {
        return now / MICROS_PER_MILLI;
    }

    // ---- the result --------------------------------------------------------------------------------------------

    private RunOutcome outcome(boolean finished) {
        long end = millis();
        List<PeerOutcome> outcomes = new ArrayList<>();
        for (SimPeer peer : peers) {
            boolean arrived = peer.arrival != PeerOutcome.NEVER;
            long departure = peer.departure != PeerOutcome.NEVER ? peer.departure : arrived ? end : PeerOutcome.NEVER;
            var metrics = peer.picker == null ? null : peer.picker.metrics();
            outcomes.add(new PeerOutcome(peer.number, peer.className, peer.initialSeed, peer.arrival, peer.firstPiece,
                    peer.completion, departure, peer.uploaded, peer.downloaded, peer.fromLeechers,
                    metrics == null ? 0 : metrics.duplicateBytes(), metrics == null ? 0 : metrics.wastedBytes(),
                    peer.upload));
        }
        return new RunOutcome(policies.strategyName(), policies.chokingName(), run, seed, finished, end,
                recorder.seedBytesUntilAllOut(), recorder.allOutMillis(), geometry.totalLength(), outcomes,
                recorder.samples());
    }
}
