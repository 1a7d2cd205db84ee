package dev.piecewise.core.engine;

import dev.piecewise.api.InfoHash;
import dev.piecewise.api.PeerSnapshot;
import dev.piecewise.api.Selection;
import dev.piecewise.api.TorrentMetrics;
import dev.piecewise.api.TorrentState;
import dev.piecewise.api.TorrentStatus;
import dev.piecewise.core.choke.ChokeChanges;
import dev.piecewise.core.choke.Choker;
import dev.piecewise.core.peer.Established;
import dev.piecewise.core.peer.PeerConnection;
import dev.piecewise.core.picker.BlockArrival;
import dev.piecewise.core.picker.CancelSink;
import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.picker.PiecePicker;
import dev.piecewise.core.picker.PickerMetrics;
import dev.piecewise.core.picker.PickerPeer;
import dev.piecewise.core.plugin.CallWatch;
import dev.piecewise.core.stats.RateMeter;
import dev.piecewise.core.storage.StorageException;
import dev.piecewise.core.tracker.TransferFigures;
import dev.piecewise.core.metadata.MetadataMessage;
import dev.piecewise.core.pex.PexMessage;
import dev.piecewise.core.pex.PexPeer;
import dev.piecewise.core.wire.Message;
import dev.piecewise.core.wire.PeerId;
import dev.piecewise.core.wire.WireLimits;
import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingPolicy;
import dev.piecewise.spi.strategy.PieceStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * One torrent at run time: its peers, its picker and choker, its storage, and its life from checking to seeding.
 * All of its state is guarded by one {@link ReentrantLock}, taken by the peers' reader threads for each message, by
 * the hashing pool when a piece is verified, and by the session's timer for the tick once a second. Nothing blocks
 * while holding it: disk writes happen after it is released, messages are only queued.
 */
final class Torrent extends PeerHost {

    private static final Logger log = LoggerFactory.getLogger(Torrent.class);

    /**
     * A resume save (which makes the data durable first) starts at least this often, besides the timed ones: the
     * operating system would otherwise keep a fast download in its cache and write it all out when we stop.
     */
    private static final long SAVE_AFTER_BYTES = 64L << 20;

    private final String name;
    private final PieceGeometry geometry;
    private final WireLimits limits;
    private final TorrentData store;
    private final Extensions extensions;
    private final PiecePicker picker;
    private final Choker<Peer> choker;
    private final Map<Long, Peer> peers = new LinkedHashMap<>();
    private final PieceCompletion completion = new PieceCompletion();
    private final Set<PeerId> bannedIds = new HashSet<>();
    private final byte[] haveBits;
    private final RateMeter downloadMeter;
    private final RateMeter uploadMeter;
    private final CancelSink cancels = this::cancelAt;
    /** Held while a resume save runs; saves never overlap. */
    private final ReentrantLock saveLock = new ReentrantLock();
    /** A save was asked for and has not yet captured the state: whoever holds {@link #saveLock} next runs it. */
    private final AtomicBoolean saveRequested = new AtomicBoolean();
    private boolean stuckReported;

    private long nextPeerId = 1;
    private long startedNanos;
    private long firstPieceNanos;
    private long completedNanos;
    private boolean resumeDirty;
    /** Bytes verified since the last resume save began. */
    private long unsavedBytes;
    /** Whether the data was checked in this session. */
    private boolean checked;
    private long lastResumeSaveNanos;

    /**
     * @param extensions what the torrent offers on top of the extension protocol: its metadata to peers that ask, and
     *                   peer exchange unless it is private
     */
    Torrent(EngineContext context, InfoHash infoHash, String name, PieceGeometry geometry, TorrentData store,
            PieceStrategy strategy, String strategyName, ChokingPolicy choking, String chokingId, String chokingOrigin,
            Listener listener, Extensions extensions) {
        super(context, infoHash, listener);
        this.name = name;
        this.geometry = geometry;
        this.limits = WireLimits.of(geometry.totalLength(), geometry.pieceLength(0));
        this.store = store;
        this.extensions = extensions;
        RandomGenerator random = RandomGenerator.getDefault();
        this.picker = new PiecePicker(shortId(), geometry, random, this::interestChanged);
        this.picker.setStrategy(strategy, strategyName);
        this.choker = new Choker<>(shortId() + " on port " + context.listenPort(), chokingId, chokingOrigin, choking, random);
        this.haveBits = new byte[limits.bitfieldBytes()];
        long now = nowMillis();
        this.downloadMeter = new RateMeter(Duration.ofSeconds(5), Duration.ofSeconds(1), now);
        this.uploadMeter = new RateMeter(Duration.ofSeconds(5), Duration.ofSeconds(1), now);
    }

    String name() {
        return name;
    }

    PieceGeometry geometry() {
        return geometry;
    }

    PiecePicker picker() {
        return picker;
    }

    // ---- life -------------------------------------------------------------------------------------------------

    /** Checks the data on disk (on a thread of its own), then starts downloading or seeding. */
    void start() {
        locked(() -> {
            if (state != TorrentState.PAUSED && state != TorrentState.ERROR) {
                return;
            }
            error = null;
            setState(TorrentState.CHECKING);
        });
        Thread.ofVirtual().name("check " + shortId()).start(this::check);
    }

    private void check() {
        try {
            store.findExistingPieces(piece -> locked(() -> {
                if (!picker.pieces().have(piece)) {
                    markHave(piece);
                }
            }), () -> state() != TorrentState.CHECKING);
        } catch (StorageException | RuntimeException e) {
            fail("cannot check the data: " + e.getMessage(), e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        locked(() -> {
            if (state != TorrentState.CHECKING) {
                return;
            }
            checked = true;
            startedNanos = System.nanoTime();
            boolean complete = picker.complete();
            if (complete && completedNanos == 0) {
                completedNanos = startedNanos;
            }
            apply(choker.setSeeding(complete, nowMillis()));
            setState(complete ? TorrentState.SEEDING : TorrentState.DOWNLOADING);
            tickSoon(); // dial the known peers now, not at the next tick
            log.info("{} {}: {} of {} pieces on disk", shortId(), name, picker.pieces().haveCount(),
                    geometry.pieceCount());
        });
    }

    /** Stops transfers and closes the connections; verified data and state are kept. */
    void pause() {
        locked(() -> {
            if (state == TorrentState.PAUSED || state == TorrentState.REMOVED) {
                return;
            }
            stopTransfers();
            setState(TorrentState.PAUSED);
        });
        saveResume();
    }

    /**
     * Starts a paused or failed torrent again. Once its data was checked in this session, what it verified since is
     * known to be on disk, so it goes straight back to work.
     */
    void resume() {
        boolean restarted = locked(() -> {
            if (!checked || state != TorrentState.PAUSED && state != TorrentState.ERROR) {
                return false;
            }
            error = null;
            setState(picker.complete() ? TorrentState.SEEDING : TorrentState.DOWNLOADING);
            return true;
        });
        if (!restarted) {
            start();
        }
    }

    /** Stops for good: the torrent is being removed; its files are deleted when asked to. */
    void remove(boolean deleteData) throws StorageException {
        locked(() -> {
            stopTransfers();
            setState(TorrentState.REMOVED);
        });
        if (deleteData) {
            store.closeAndDeleteFiles();
        } else {
            store.close();
        }
    }

    /** Closes the files (the session is closing; the torrent is paused). */
    void closeStorage() {
        store.close();
    }

    /** Stops with an error a user can act on (disk full, data gone); {@link #resume} retries. */
    void fail(String message, Throwable cause) {
        locked(() -> {
            if (state == TorrentState.REMOVED || state == TorrentState.ERROR) {
                log.debug("{}: after it stopped: {}", shortId(), message, cause);
                return;
            }
            log.warn("{} {} stopped: {}", shortId(), name, message);
            log.debug("{}: the cause", shortId(), cause);
            stopTransfers();
            error = message;
            setState(TorrentState.ERROR);
        });
    }

    private void stopTransfers() {
        for (Peer peer : List.copyOf(peers.values())) {
            peer.connection.close("torrent stopped");
        }
        directory.reset();
    }

    boolean downloading() {
        return state == TorrentState.DOWNLOADING;
    }

    private boolean active() {
        return state == TorrentState.DOWNLOADING || state == TorrentState.SEEDING;
    }

    @Override
    boolean running() {
        return active();
    }

    @Override
    int connectedCount() {
        return peers.size();
    }

    /** Waits until complete, failed or removed, or the timeout; returns whether complete. */
    boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return await(() -> picker.complete() && state != TorrentState.CHECKING, timeout);
    }

    // ---- peers ------------------------------------------------------------------------------------------------

    /**
     * Starts exchanging messages with a peer whose handshake is complete, unless the torrent stopped, is full, or the
     * peer is banned or already connected. A refused connection is closed and its slot released.
     */
    @Override
    void attach(Established established, String source, Runnable underLock) {
        PeerId peerId = established.remote().peerId();
        lock.lock();
        try {
            underLock.run();
            String refusal = !active() ? "the torrent is not running"
                    : peers.size() >= context.settings().maxPeersPerTorrent() && !"manual".equals(source)
                    ? "too many peers"
                    : bannedIds.contains(peerId) || directory.banned(established.address()) ? "banned"
                    : connectedTo(peerId) ? "already connected" : null;
            if (refusal != null) {
                refuse(established, refusal);
                return;
            }
            long now = nowMillis();
            PickerPeer picks = picker.join(nextPeerId++);
            var connection = new PeerConnection(established, context.buffers(), context.connectionSettings());
            var peer = new Peer(this, connection, picks, established.incoming() ? "incoming" : source, now,
                    extensions.metadata().budget());
            peers.put(picks.id(), peer);
            if (!established.incoming()) {
                directory.connected(established.address(), source, now);
            }
            introduce(peer);
            apply(choker.add(peer, now));
            connection.start(limits, peer, context.capped(store), peer);
            log.debug("{}: connected to {} ({})", shortId(), established.address(), peer.client);
        } finally {
            lock.unlock();
        }
    }

    private boolean connectedTo(PeerId peerId) {
        for (Peer peer : peers.values()) {
            if (peer.connection.established().remote().peerId().equals(peerId)) {
                return true;
            }
        }
        return false;
    }

    /** Our extension handshake and what we have, as the peer's first messages. */
    private void introduce(Peer peer) {
        Established established = peer.connection.established();
        if (established.extensionProtocol()) {
            peer.connection.send(extensions.handshake(context, established.address()));
        }
        int have = picker.pieces().haveCount();
        if (have == geometry.pieceCount()) {
            peer.connection.send(peer.fast() ? Message.Simple.HAVE_ALL : new Message.Bitfield(haveBits.clone()));
        } else if (have > 0) {
            peer.connection.send(new Message.Bitfield(haveBits.clone()));
        } else if (peer.fast()) {
            peer.connection.send(Message.Simple.HAVE_NONE);
        }
    }

    /** A peer's connection ended (its reader thread): its requests go back to the pool for the others. */
    void disconnected(Peer peer, String reason) {
        lock.lock();
        try {
            if (peers.remove(peer.id()) == null) {
                return;
            }
            boolean hadRequests = peer.picks.outstanding() > 0;
            picker.leave(peer.picks);
            apply(choker.remove(peer, nowMillis()));
            if (peer.listenAddress != null) {
                directory.disconnected(peer.listenAddress, nowMillis());
            }
            context.slots().release();
            log.debug("{}: {} disconnected: {}", shortId(), peer.address(), reason);
            if (hadRequests) {
                fillAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** An incoming peer told us its listen port: we will not dial it while it is connected. */
    void learnedListenAddress(Peer peer) {
        if (directory.banned(peer.listenAddress)) {
            peer.connection.close("banned");
        } else {
            directory.connected(peer.listenAddress, "incoming", nowMillis());
        }
    }

    // ---- extensions -------------------------------------------------------------------------------------------

    /** A {@code ut_metadata} message: requests for our metadata are answered; we need none, so the rest is ignored. */
    void metadataMessage(Peer peer, MetadataMessage message) {
        int theirs = peer.extensionId(MetadataMessage.EXTENSION);
        if (message instanceof MetadataMessage.Request request && theirs > 0) {
            MetadataMessage answer = extensions.metadata().answer(request, peer.metadataBudget);
            peer.connection.send(new Message.Extended(theirs, answer.encode()));
        }
    }

    /** A {@code ut_pex} message: the peers it added are dialled as room allows; never for a private torrent. */
    void pexReceived(Peer peer, PexMessage message) {
        if (extensions.pex() && peer.pex != null && peer.pex.accept(nowMillis())) {
            message.added().forEach(added -> directory.add(added.address(), "pex"));
        }
    }

    /** Tells each peer that speaks PEX the peers we connected to and lost since its last message, when one is due. */
    private void sendPex(long nowMillis) {
        if (!extensions.pex()) {
            return;
        }
        List<PexPeer> connected = new ArrayList<>();
        for (Peer peer : peers.values()) {
            if (peer.listenAddress != null) {
                boolean incoming = peer.connection.established().incoming();
                connected.add(new PexPeer(peer.listenAddress, (peer.picks.isSeed() ? PexPeer.SEED : 0)
                        | (incoming ? 0 : PexPeer.REACHABLE)));
            }
        }
        for (Peer peer : peers.values()) {
            int theirs = peer.extensionId(PexMessage.EXTENSION);
            if (theirs > 0 && peer.pex != null) {
                peer.pex.next(connected, nowMillis).ifPresent(message ->
                        peer.connection.send(new Message.Extended(theirs, message.encode())));
            }
        }
    }

    // ---- blocks and pieces ------------------------------------------------------------------------------------

    /**
     * A block arrived (the peer's reader thread). The books are updated and more is requested under the lock; the
     * block is written after it is released, and the piece hashed once its last write is done.
     */
    void receive(Peer peer, int piece, int begin, ByteBuffer block) {
        int length = block.remaining();
        boolean write;
        lock.lock();
        try {
            if (!active() || !peer.connection.isOpen()) {
                return;
            }
            downloadMeter.add(length, nowMillis());
            if (!peer.requests.arrived(piece, begin, System.nanoTime())) {
                peer.connection.close("protocol violation: a block we never asked for");
                return;
            }
            BlockArrival arrival = picker.received(peer.picks, piece, begin, length, cancels);
            if (arrival.kind() == BlockArrival.Kind.INVALID) {
                peer.connection.close("protocol violation: a block of the wrong length");
                return;
            }
            write = arrival.useful();
            if (write) {
                completion.writing(piece, peer.identity(), arrival.completesPiece());
            }
            peer.fillPipeline();
        } finally {
            lock.unlock();
        }
        if (write) {
            boolean written = false;
            try {
                store.write(piece, begin, block);
                written = true;
            } catch (StorageException | RuntimeException e) {
                fail("cannot write piece " + piece + ": " + e.getMessage(), e);
            }
            PieceCompletion.Next next;
            lock.lock();
            try {
                next = completion.written(piece, written);
            } finally {
                lock.unlock();
            }
            if (next == PieceCompletion.Next.VERIFY) {
                context.hashing().execute(() -> verify(piece));
            } else if (next == PieceCompletion.Next.DISCARD) {
                locked(() -> picker.failed(piece));
            }
        }
    }

    private void cancelAt(PickerPeer other, int piece, int begin, int length) {
        Peer peer = peers.get(other.id());
        if (peer != null) {
            peer.withdrawRequest(piece, begin, length);
        }
    }

    private void verify(int piece) {
        boolean ok;
        try {
            ok = store.verify(piece);
        } catch (StorageException | RuntimeException e) {
            fail("cannot read piece " + piece + " back: " + e.getMessage(), e);
            return;
        }
        locked(() -> {
            if (state == TorrentState.REMOVED) {
                return;
            }
            if (ok) {
                pieceVerified(piece);
            } else {
                pieceFailed(piece);
            }
        });
    }

    private void pieceVerified(int piece) {
        completion.verified(piece);
        markHave(piece);
        resumeDirty = true;
        unsavedBytes += geometry.pieceLength(piece);
        if (unsavedBytes >= SAVE_AFTER_BYTES && !picker.complete()) {
            saveResumeSoon();
        }
        if (firstPieceNanos == 0) {
            firstPieceNanos = System.nanoTime();
        }
        Message have = Message.PieceIndex.have(piece);
        for (Peer peer : peers.values()) {
            peer.connection.send(have);
        }
        if (picker.complete()) {
            completed();
        } else {
            // a strategy may choose differently once a piece is had (in-order moves its window on)
            fillAll();
        }
    }

    private void markHave(int piece) {
        picker.verified(piece);
        haveBits[piece >> 3] |= (byte) (0x80 >>> (piece & 7));
    }

    private void completed() {
        completedNanos = System.nanoTime();
        log.info("{} {}: download complete", shortId(), name);
        apply(choker.setSeeding(true, nowMillis()));
        for (Peer peer : List.copyOf(peers.values())) {
            if (peer.picks.isSeed()) {
                peer.connection.close("we are both seeds");
            }
        }
        if (state == TorrentState.DOWNLOADING) {
            setState(TorrentState.SEEDING);
        }
        saveResumeSoon();
    }

    private void pieceFailed(int piece) {
        log.info("{}: piece {} failed its hash check", shortId(), piece);
        picker.failed(piece);
        for (InetSocketAddress guilty : completion.failed(piece)) {
            if (directory.banned(guilty)) {
                continue; // pieces it sent before it was banned fail after
            }
            log.warn("{}: banning {}: it sent data that failed the hash check again and again", shortId(), guilty);
            directory.ban(guilty);
            for (Peer peer : peers.values()) {
                if (peer.identity().equals(guilty)) {
                    bannedIds.add(peer.connection.established().remote().peerId());
                    peer.connection.close("banned: it sent bad data");
                }
            }
        }
        fillAll();
    }

    /** Offers every peer's pipeline to the picker: blocks went back to the pool, or a piece was verified. */
    void fillAll() {
        for (Peer peer : peers.values()) {
            peer.fillPipeline();
        }
    }

    /** Whether we and the peer both have everything: the connection is of no use to either. */
    boolean bothSeeds(Peer peer) {
        return peer.picks.isSeed() && picker.complete();
    }

    void uploaded(int bytes) {
        uploadMeter.add(bytes, nowMillis());
    }

    // ---- choking ----------------------------------------------------------------------------------------------

    private void interestChanged(PickerPeer picks, boolean interested) {
        Peer peer = peers.get(picks.id());
        if (peer != null) {
            peer.setAmInterested(interested);
        }
    }

    /** The peer became interested in our pieces, or stopped being so. */
    void interestChanged(Peer peer, boolean interested) {
        apply(choker.interestChanged(peer, interested, nowMillis()));
    }

    private void apply(ChokeChanges<Peer> changes) {
        for (Peer peer : changes.choke()) {
            peer.setAmChoking(true);
        }
        if (context.settings().freeRider()) {
            return; // unchokes nobody
        }
        for (Peer peer : changes.unchoke()) {
            peer.setAmChoking(false);
        }
    }

    ChokingDecision.Slot chokeSlot(Peer peer) {
        return choker.slot(peer).orElse(null);
    }

    boolean snubbed(Peer peer) {
        return choker.isSnubbed(peer);
    }

    void setStrategy(PieceStrategy strategy, String strategyName) {
        locked(() -> picker.setStrategy(strategy, strategyName));
    }

    void setChoking(ChokingPolicy policy, String policyId, String origin) {
        locked(() -> choker.setPolicy(policyId, origin, policy));
    }

    // ---- the tick ---------------------------------------------------------------------------------------------

    /**
     * The watchdog (its own thread, once a second, never under the lock): a strategy or choking policy call that has run
     * for a whole period is unwound at its next call into the core; one that makes no such call cannot be stopped,
     * and is reported once.
     */
    @Override
    void watchPlugins() {
        boolean stuck = picker.watch().watch() == CallWatch.Overdue.STUCK;
        stuck |= choker.watch().watch() == CallWatch.Overdue.STUCK;
        if (stuck && !stuckReported) {
            stuckReported = true;
            log.error("{}: a plugin (strategy {}, choking policy '{}') has run for seconds without returning or calling"
                    + " back into Piecewise, so it cannot be stopped; this torrent stays stuck until Piecewise"
                    + " restarts: remove that plugin", shortId(), picker.strategyName(), choker.policyId());
        }
    }

    /** Once a second (the session's timer): rechoke, time out, exchange peers, dial more, save the resume state. */
    @Override
    void tick() {
        List<InetSocketAddress> toDial = new ArrayList<>();
        boolean save = locked(() -> {
            if (!active()) {
                return false;
            }
            long nowMillis = nowMillis();
            long nowNanos = System.nanoTime();
            EngineSettings settings = context.settings();
            apply(choker.tick(nowMillis));
            for (Peer peer : List.copyOf(peers.values())) {
                if (nowNanos - peer.connection.lastReceivedNanos() > settings.idleTimeout().toNanos()) {
                    peer.connection.close("silent for " + settings.idleTimeout().toSeconds() + " s");
                    continue;
                }
                peer.releaseStalledRequests(nowNanos, settings.requestTimeout().toNanos());
                peer.updateRateForStrategies(nowMillis);
            }
            sendPex(nowMillis);
            // seeds dial too: some clients (Transmission) never dial loopback peers themselves
            toDial.addAll(peersToDial(nowMillis));
            return resumeDirty && nowNanos - lastResumeSaveNanos > settings.resumeSaveInterval().toNanos();
        });
        dialAll(toDial);
        if (save) {
            saveResumeSoon();
        }
    }

    /**
     * Saves the resume state now (after a save under way, if any), so that it holds every piece verified before this
     * call; the data is made durable first.
     */
    void saveResume() {
        saveRequested.set(true);
        runSaves(true);
    }

    /** Saves the resume state on a thread of its own; a save under way is followed by another one. */
    private void saveResumeSoon() {
        if (!saveRequested.getAndSet(true)) {
            Thread.ofVirtual().name("save " + shortId()).start(() -> runSaves(false));
        }
    }

    /**
     * Runs the saves asked for, one at a time. Without {@code wait} it leaves them to the thread already saving, which
     * looks again once it lets go: a request made while it saved is never lost.
     */
    private void runSaves(boolean wait) {
        do {
            if (wait) {
                saveLock.lock();
            } else if (!saveLock.tryLock()) {
                return;
            }
            try {
                while (saveRequested.getAndSet(false)) {
                    saveOnce();
                }
            } finally {
                saveLock.unlock();
            }
            wait = false;
        } while (saveRequested.get());
    }

    private void saveOnce() {
        try {
            BitSet verified = locked(() -> {
                resumeDirty = false;
                unsavedBytes = 0;
                lastResumeSaveNanos = System.nanoTime();
                return Bitfields.toBitSet(haveBits);
            });
            store.saveResume(verified);
        } catch (IOException | RuntimeException e) {
            log.warn("{}: saving the resume state failed: {}", shortId(), e.getMessage(), e);
        }
    }

    // ---- snapshots ----------------------------------------------------------------------------------------------

    /** The torrent's state and figures now. */
    TorrentStatus status(Selection strategy, Selection choking) {
        return locked(() -> {
            long now = nowMillis();
            long verified = verifiedBytes();
            double rate = downloadMeter.rate(now);
            Optional<Duration> eta = state == TorrentState.DOWNLOADING && rate > 0
                    ? Optional.of(Duration.ofSeconds((long) Math.ceil((geometry.totalLength() - verified) / rate)))
                    : Optional.empty();
            int seeds = (int) peers.values().stream().filter(p -> p.picks.isSeed()).count();
            PickerMetrics m = picker.metrics();
            var metrics = new TorrentMetrics(since(firstPieceNanos), since(completedNanos), m.duplicateBytes(),
                    m.wastedBytes(), m.cancels(), m.requestTimeouts(), m.hashFailures(), m.minAvailability());
            return new TorrentStatus(state, Optional.ofNullable(error), geometry.totalLength(), verified,
                    geometry.pieceCount(), picker.pieces().haveCount(), rate, uploadMeter.rate(now),
                    downloadMeter.total(), uploadMeter.total(), peers.size(), seeds, eta,
                    picker.usingFallback() ? replaced(strategy, picker.strategyName()) : strategy,
                    choker.failure().isPresent() ? replaced(choking, Choker.fallbackId()) : choking, metrics);
        });
    }

    /** What the user sees once a plugin failed and a built-in one runs in its place. */
    private static Selection replaced(Selection failed, String builtIn) {
        return new Selection(builtIn + " (replacing " + failed.spec() + ")", "");
    }

    private Optional<Duration> since(long eventNanos) {
        return eventNanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0,
                eventNanos - startedNanos)));
    }

    private long verifiedBytes() {
        int last = geometry.pieceCount() - 1;
        long bytes = (long) picker.pieces().haveCount() * geometry.pieceLength(0);
        return picker.pieces().have(last) ? bytes - geometry.pieceLength(0) + geometry.pieceLength(last) : bytes;
    }

    /** The connected peers now. */
    List<PeerSnapshot> peers() {
        return locked(() -> {
            long now = nowMillis();
            return peers.values().stream().map(p -> p.snapshot(now, geometry.pieceCount())).toList();
        });
    }

    /** The verified pieces now. */
    BitSet verifiedPieces() {
        return locked(() -> Bitfields.toBitSet(haveBits));
    }

    /** Payload bytes received and sent this session, and still needed: what trackers are told. */
    TransferFigures figures() {
        return new TransferFigures() {
            @Override
            public long uploaded() {
                return uploadMeter.total();
            }

            @Override
            public long downloaded() {
                return downloadMeter.total();
            }

            @Override
            public long left() {
                return locked(() -> geometry.totalLength() - verifiedBytes());
            }
        };
    }

    @Override
    public String toString() {
        return shortId() + " " + name;
    }
}
