package dev.piecewise.core.engine;

import dev.piecewise.api.InfoHash;
import dev.piecewise.api.MetadataProgress;
import dev.piecewise.api.PeerSnapshot;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.Selection;
import dev.piecewise.api.TorrentMetrics;
import dev.piecewise.api.TorrentState;
import dev.piecewise.api.TorrentStatus;
import dev.piecewise.core.metadata.MetadataAssembler;
import dev.piecewise.core.metadata.MetadataMessage;
import dev.piecewise.core.peer.Established;
import dev.piecewise.core.peer.PeerConnection;
import dev.piecewise.core.wire.ExtensionHandshake;
import dev.piecewise.core.wire.Message;
import dev.piecewise.core.wire.WireLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A torrent added by magnet link, until its metadata is known: it dials the peers it learns of (the link's
 * {@code x.pe}, trackers, incoming connections), asks those that offer {@code ut_metadata} for pieces of the info
 * dictionary, and hands the bytes, once their SHA-1 is the info-hash, to the session, which makes the {@link Torrent}.
 * Its connections then close and the torrent dials the same peers again: their bitfields could not be checked before
 * the number of pieces was known, and a fresh start keeps the torrent's peer handling in one place.
 *
 * <p>Peers that send bad metadata or break the protocol are dropped and banned; peers that have no metadata, reject or
 * stay silent are left alone while others are asked. State is guarded by the lock of {@link PeerHost}.
 */
final class MetadataFetch extends PeerHost {

    private static final Logger log = LoggerFactory.getLogger(MetadataFetch.class);
    /** How many peers that left, or could not be reached, are still shown among the peers tried. */
    private static final int DEPARTED_SHOWN = 20;
    private static final TorrentMetrics NO_METRICS = new TorrentMetrics(Optional.empty(), Optional.empty(), 0, 0, 0,
            0, 0, 0);

    private final String name;
    private final Consumer<byte[]> onMetadata;
    private final MetadataAssembler<FetchPeer> assembler;
    private final Set<FetchPeer> peers = new LinkedHashSet<>();
    /** Peers that left or could not be reached, with what came of them, newest last. */
    private final Map<InetSocketAddress, MetadataProgress.MetadataPeer> departed = new LinkedHashMap<>();

    /** The metadata arrived: nothing more is asked; the session makes the torrent, then calls {@link #handOver}. */
    private boolean fetched;
    private boolean handedOver;

    /**
     * @param name       what to call the torrent meanwhile
     * @param onMetadata gets the verified info dictionary, once, on a thread of its own
     */
    MetadataFetch(EngineContext context, InfoHash infoHash, String name, Listener listener,
                  Consumer<byte[]> onMetadata) {
        super(context, infoHash, listener);
        this.name = name;
        this.onMetadata = onMetadata;
        this.assembler = new MetadataAssembler<>(infoHash);
    }

    String name() {
        return name;
    }

    // ---- life -------------------------------------------------------------------------------------------------

    /** Starts (or restarts, after a pause or an error) fetching, and dials the known peers at once. */
    void start() {
        boolean started = locked(() -> {
            if (fetched || state != TorrentState.PAUSED && state != TorrentState.ERROR) {
                return false;
            }
            error = null;
            setState(TorrentState.FETCHING_METADATA);
            return true;
        });
        if (started) {
            context.timer().execute(this::tick);
        }
    }

    void pause() {
        locked(() -> {
            if (state == TorrentState.FETCHING_METADATA) {
                closeAll("torrent stopped");
                setState(TorrentState.PAUSED);
            }
        });
    }

    void remove() {
        locked(() -> {
            closeAll("torrent removed");
            setState(TorrentState.REMOVED);
        });
    }

    /** Stops with an error a user can act on: metadata that cannot be used, or a download directory that cannot. */
    void fail(String message) {
        log.warn("{} {} stopped: {}", shortId(), name, message);
        locked(() -> {
            if (state == TorrentState.FETCHING_METADATA) {
                closeAll("torrent stopped");
                error = message;
                setState(TorrentState.ERROR);
            }
        });
    }

    /**
     * The torrent has taken over: the connections close, and the peers known (with how each was learned) are returned
     * for the torrent to dial.
     */
    Map<InetSocketAddress, String> handOver() {
        return locked(() -> {
            handedOver = true;
            closeAll("the metadata is complete; the torrent takes over");
            changed.signalAll();
            return directory.known();
        });
    }

    /** Whether the metadata arrived while the fetch ran (rather than being paused meanwhile). */
    boolean fetching() {
        return locked(() -> state == TorrentState.FETCHING_METADATA);
    }

    /**
     * Waits until the torrent took over, or the timeout passes; returns whether it did.
     *
     * @throws PiecewiseException when fetching failed or the torrent was removed
     */
    boolean awaitHandOver(Duration timeout) throws InterruptedException {
        return await(() -> handedOver, timeout);
    }

    private void closeAll(String reason) {
        for (FetchPeer peer : List.copyOf(peers)) {
            peer.connection.close(reason);
        }
        directory.reset();
    }

    @Override
    boolean running() {
        return state == TorrentState.FETCHING_METADATA && !fetched;
    }

    @Override
    int connectedCount() {
        return peers.size();
    }

    // ---- peers ------------------------------------------------------------------------------------------------

    @Override
    void attach(Established established, String source, Runnable underLock) {
        lock.lock();
        try {
            underLock.run();
            String refusal = !running() ? "the metadata is not being fetched"
                    : peers.size() >= context.settings().maxPeersPerTorrent() && !"manual".equals(source)
                    ? "too many peers"
                    : directory.banned(established.address()) ? "banned"
                    : peers.stream().anyMatch(p -> p.connection.established().remote().peerId()
                    .equals(established.remote().peerId())) ? "already connected" : null;
            if (refusal != null) {
                refuse(established, refusal);
                return;
            }
            var connection = new PeerConnection(established, context.buffers(), context.connectionSettings());
            var peer = new FetchPeer(this, connection, source);
            peers.add(peer);
            if (!established.incoming()) {
                directory.connected(established.address(), source, nowMillis());
            }
            if (established.extensionProtocol()) {
                connection.send(Extensions.fetchingHandshake(context, established.address()));
            }
            if (established.fast()) {
                connection.send(Message.Simple.HAVE_NONE);
            }
            connection.start(WireLimits.beforeMetadata(), peer, (piece, begin, length, target) -> {
                throw new IOException("no block can be uploaded before the metadata is known");
            }, peer);
            log.debug("{}: connected to {} ({}) for the metadata", shortId(), established.address(), peer.client);
        } finally {
            lock.unlock();
        }
    }

    /** A peer's connection ended (its reader thread): its requests go to the others. */
    void disconnected(FetchPeer peer, String reason) {
        locked(() -> {
            if (!peers.remove(peer)) {
                return;
            }
            // a peer found out keeps showing why; any other shows why it left
            String outcome = assembler.sources(nowMillis()).stream().filter(source -> source.peer() == peer)
                    .filter(source -> source.state() == MetadataAssembler.SourceState.DISTRUSTED
                            || source.state() == MetadataAssembler.SourceState.GAVE_UP)
                    .map(MetadataFetch::describe).findFirst().orElse("left: " + reason);
            remember(tried(peer, outcome));
            assembler.left(peer);
            if (peer.listenAddress != null) {
                directory.disconnected(peer.listenAddress, nowMillis());
            }
            context.slots().release();
            log.debug("{}: {} disconnected: {}", shortId(), peer.address(), reason);
            requestFromAll();
        });
    }

    /** The peer's extension handshake: whether it offers the metadata, and its listen port. Under the lock. */
    void extensionHandshake(FetchPeer peer, ExtensionHandshake handshake) {
        peer.extensions = handshake;
        if (peer.listenAddress == null && handshake.listenPort().isPresent()) {
            peer.listenAddress = new InetSocketAddress(peer.address().getAddress(),
                    handshake.listenPort().getAsInt());
            if (directory.banned(peer.listenAddress)) {
                peer.connection.close("banned");
                return;
            }
            directory.connected(peer.listenAddress, "incoming", nowMillis());
        }
        if (peer.metadataId() > 0 && handshake.metadataSize().isPresent()
                && !assembler.offered(peer, handshake.metadataSize().getAsLong())) {
            log.debug("{}: {} offers metadata of {} bytes, which is not fetched", shortId(), peer.address(),
                    handshake.metadataSize().getAsLong());
        }
        requestFrom(peer);
    }

    /** A {@code ut_metadata} message. Under the lock. */
    void metadata(FetchPeer peer, MetadataMessage message) {
        long now = nowMillis();
        switch (message) {
            case MetadataMessage.Request request -> {
                if (peer.metadataId() > 0) {
                    peer.send(new MetadataMessage.Reject(request.piece()));
                }
            }
            case MetadataMessage.Reject reject -> {
                assembler.rejected(peer, reject.piece(), now);
                requestFromAll();
            }
            case MetadataMessage.Data data -> {
                MetadataAssembler.Outcome outcome = assembler.received(peer, data, now);
                switch (outcome) {
                    case COMPLETE -> complete();
                    case STORED -> requestFrom(peer);
                    case HASH_FAILED, REFUSED -> {
                        log.info("{}: metadata from {} refused: {}", shortId(), peer.address(), outcome);
                        dropDistrusted();
                        requestFromAll();
                    }
                    case UNSOLICITED -> {
                        // asked of another peer since, or never: not kept
                    }
                }
            }
        }
    }

    private void complete() {
        fetched = true;
        byte[] metadata = assembler.metadata().orElseThrow();
        log.info("{} {}: metadata complete ({} bytes)", shortId(), name, metadata.length);
        Thread.ofVirtual().name("metadata " + shortId()).start(() -> onMetadata.accept(metadata));
    }

    private void dropDistrusted() {
        for (FetchPeer peer : List.copyOf(peers)) {
            if (assembler.distrusted(peer)) {
                directory.ban(peer.identity());
                peer.connection.close("banned: it sent bad metadata");
            }
        }
    }

    private void requestFromAll() {
        peers.forEach(this::requestFrom);
    }

    private void requestFrom(FetchPeer peer) {
        if (running() && peer.connection.isOpen()) {
            for (int piece : assembler.requests(peer, nowMillis())) {
                peer.send(new MetadataMessage.Request(piece));
            }
        }
    }

    // ---- the tick ---------------------------------------------------------------------------------------------

    /** Once a second: unanswered requests go to others, silent peers are dropped, more peers are dialled. */
    @Override
    void tick() {
        List<InetSocketAddress> toDial = locked(() -> {
            if (!running()) {
                return List.<InetSocketAddress>of();
            }
            long nowMillis = nowMillis();
            Duration idle = context.settings().idleTimeout();
            for (FetchPeer peer : List.copyOf(peers)) {
                if (System.nanoTime() - peer.connection.lastReceivedNanos() > idle.toNanos()) {
                    peer.connection.close("silent for " + idle.toSeconds() + " s");
                }
            }
            assembler.expire(nowMillis);
            requestFromAll();
            return peersToDial(nowMillis);
        });
        dialAll(toDial);
    }

    // ---- snapshots --------------------------------------------------------------------------------------------

    @Override
    void dialFailed(InetSocketAddress address, String why) {
        remember(new MetadataProgress.MetadataPeer(address, "-", "unreachable: " + why));
    }

    /** Keeps what came of a peer that left or could not be reached, newest last, the oldest dropped. Under the lock. */
    private void remember(MetadataProgress.MetadataPeer peer) {
        departed.remove(peer.address());
        departed.put(peer.address(), peer);
        while (departed.size() > DEPARTED_SHOWN) {
            departed.remove(departed.keySet().iterator().next());
        }
    }

    TorrentStatus status(Selection strategy, Selection choking) {
        return locked(() -> new TorrentStatus(state, Optional.ofNullable(error), 0, 0, 0, 0, 0, 0, 0, 0,
                peers.size(), 0, Optional.empty(), strategy, choking, NO_METRICS, Optional.of(progress())));
    }

    private MetadataProgress progress() {
        Map<InetSocketAddress, MetadataProgress.MetadataPeer> tried = new LinkedHashMap<>(departed);
        peers.forEach(peer -> tried.put(peer.address(), tried(peer, offerless(peer))));
        for (var source : assembler.sources(nowMillis())) {
            tried.put(source.peer().address(), tried(source.peer(), describe(source)));
        }
        OptionalLong size = assembler.size().isPresent() ? OptionalLong.of(assembler.size().getAsInt())
                : OptionalLong.empty();
        return new MetadataProgress(size, assembler.piecesReceived(), assembler.pieceCount(),
                new ArrayList<>(tried.values()));
    }

    private static String describe(MetadataAssembler.Source<FetchPeer> source) {
        return switch (source.state()) {
            case ASKED -> "asked (" + source.received() + " pieces received)";
            case IDLE -> "offers " + source.size() + " bytes";
            case REJECTING -> "rejecting (" + source.rejects() + " times in a row)";
            case GAVE_UP -> "gave up: it rejected " + source.rejects() + " times in a row";
            case DISTRUSTED -> "distrusted: " + source.problem().orElse("");
        };
    }

    /** What a connected peer that offers no metadata (we would fetch) is doing. */
    private static String offerless(FetchPeer peer) {
        if (!peer.connection.established().extensionProtocol()) {
            return "no extension protocol: it cannot send metadata";
        }
        if (peer.extensions == null) {
            return "connected, waiting for its extension handshake";
        }
        if (peer.metadataId() == 0 || peer.extensions.metadataSize().isEmpty()) {
            return "no metadata to offer";
        }
        return "offers " + peer.extensions.metadataSize().getAsLong() + " bytes, beyond the "
                + MetadataMessage.MAX_SIZE + " fetched";
    }

    private static MetadataProgress.MetadataPeer tried(FetchPeer peer, String state) {
        return new MetadataProgress.MetadataPeer(peer.address(), peer.client, state);
    }

    List<PeerSnapshot> peers() {
        return locked(() -> peers.stream().map(FetchPeer::snapshot).toList());
    }

    @Override
    public String toString() {
        return shortId() + " " + name + " (fetching metadata)";
    }
}
