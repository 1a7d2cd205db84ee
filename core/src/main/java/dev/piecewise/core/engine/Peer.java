package dev.piecewise.core.engine;

import dev.piecewise.api.PeerSnapshot;
import dev.piecewise.core.choke.ChokePeer;
import dev.piecewise.core.metadata.MetadataMessage;
import dev.piecewise.core.metadata.MetadataServer;
import dev.piecewise.core.pex.PexMessage;
import dev.piecewise.core.pex.PexState;
import dev.piecewise.core.peer.PeerConnection;
import dev.piecewise.core.picker.PickerPeer;
import dev.piecewise.core.picker.RequestSink;
import dev.piecewise.core.stats.RateMeter;
import dev.piecewise.core.wire.ExtensionHandshake;
import dev.piecewise.core.wire.Message;
import dev.piecewise.core.wire.MessageHandler;
import dev.piecewise.core.wire.ProtocolException;
import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.strategy.PieceView;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.BitSet;

/**
 * One connected peer of a torrent: receives its messages on the connection's reader thread and turns them into
 * picker, choker and upload decisions under the torrent's lock. Fields are guarded by that lock unless noted.
 */
final class Peer implements MessageHandler, ChokePeer, PeerConnection.Events {

    private static final Logger log = LoggerFactory.getLogger(Peer.class);

    /** Requests refused in a row (choked, over the queue, pieces we lack) before a peer counts as flooding us. */
    private static final int MAX_REFUSED = 2048;

    private final Torrent torrent;
    final PeerConnection connection;
    final PickerPeer picks;
    /** Where the peer accepts connections, once known: the address we dialled, or the port it told us. */
    InetSocketAddress listenAddress;
    final String source;
    /** From the peer id, or from the extension handshake's {@code v} when the id's style is unknown. */
    String client;
    final long connectedMillis;
    final RequestPipeline requests = new RequestPipeline();
    private final RequestSink sender = this::sendRequest;

    // rates: thread-safe meters, fed by the reader (blocks in) and writer (blocks out) threads
    private final RateMeter downloadMeter;
    private final RateMeter uploadMeter;
    /** A short window, so the pipeline follows the peer's rate within seconds. */
    private final RateMeter recentDownload;

    boolean amChoking = true;
    boolean amInterested;
    boolean peerChoking = true;
    boolean peerInterested;
    private int peerQueue;
    private int refused;
    /** Its extension handshake, once received. */
    private ExtensionHandshake extensions;
    /** How much of our metadata it may still fetch. */
    final MetadataServer.Budget metadataBudget;
    /** What it was told through PEX; made when its extension handshake arrives (with its listen port, if any). */
    PexState pex;

    Peer(Torrent torrent, PeerConnection connection, PickerPeer picks, String source, long nowMillis,
         MetadataServer.Budget metadataBudget) {
        this.torrent = torrent;
        this.connection = connection;
        this.picks = picks;
        this.listenAddress = connection.established().incoming() ? null : connection.established().address();
        this.source = source;
        this.client = connection.established().remote().peerId().clientName();
        this.connectedMillis = nowMillis;
        this.downloadMeter = new RateMeter(nowMillis);
        this.uploadMeter = new RateMeter(nowMillis);
        this.recentDownload = new RateMeter(Duration.ofSeconds(3), Duration.ofMillis(250), nowMillis);
        this.metadataBudget = metadataBudget;
    }

    /** The id the peer gave an extension in its extension handshake, 0 if it does not speak it. */
    int extensionId(String extension) {
        return extensions == null ? 0 : extensions.extensions().getOrDefault(extension, 0);
    }

    long id() {
        return picks.id();
    }

    boolean fast() {
        return connection.established().fast();
    }

    InetSocketAddress address() {
        return connection.established().address();
    }

    /** Who the peer is for strikes and bans: its listen address when known, else where it connected from. */
    InetSocketAddress identity() {
        return listenAddress != null ? listenAddress : address();
    }

    // ---- decisions, under the torrent's lock ------------------------------------------------------------------

    /**
     * Requests what the picker chooses until the pipeline is as deep as the peer's rate earns. Requests go out in
     * batches of an eighth of the depth (or when the pipeline ran dry), so a fast peer costs our writer one wake-up
     * and one system call per batch rather than per block.
     */
    void fillPipeline() {
        if (!connection.isOpen() || !torrent.downloading()) {
            return;
        }
        int depth = RequestPipeline.depth(recentDownload.rate(Torrent.nowMillis()), peerQueue);
        int budget = depth - requests.outstanding();
        if (budget >= Math.max(1, depth / 8) || budget > 0 && requests.outstanding() == 0) {
            torrent.picker().pick(picks, budget, sender);
        }
    }

    private void sendRequest(int piece, int begin, int length) {
        requests.sent(piece, begin, System.nanoTime());
        connection.send(Message.BlockRef.request(piece, begin, length));
    }

    /** We no longer need a request outstanding here: the block came from another peer. */
    void withdrawRequest(int piece, int begin, int length) {
        requests.cancelled(piece, begin);
        connection.send(Message.BlockRef.cancel(piece, begin, length));
    }

    void setAmInterested(boolean interested) {
        if (interested != amInterested) {
            log.debug("{}: we are {}interested", this, interested ? "" : "not ");
            amInterested = interested;
            connection.send(interested ? Message.Simple.INTERESTED : Message.Simple.NOT_INTERESTED);
        }
    }

    void setAmChoking(boolean choking) {
        if (choking == amChoking) {
            return;
        }
        log.debug("{}: we {}", this, choking ? "choke it" : "unchoke it");
        amChoking = choking;
        if (choking) {
            var dropped = connection.choke();
            if (fast()) {
                dropped.forEach(b -> connection.send(Message.BlockRef.reject(b.piece(), b.begin(), b.length())));
            }
        } else {
            refused = 0;
            connection.send(Message.Simple.UNCHOKE);
        }
    }

    /** Refuses a request: rejected with the fast extension, ignored without; a peer that keeps asking is dropped. */
    private void refuse(int piece, int begin, int length, String why) {
        if (fast()) {
            connection.send(Message.BlockRef.reject(piece, begin, length));
        }
        if (++refused > MAX_REFUSED) {
            connection.close("it keeps sending requests we refuse (" + why + ")");
        }
    }

    /** Takes back requests the peer has left unanswered too long. */
    void releaseStalledRequests(long nowNanos, long timeoutNanos) {
        int outstanding = requests.outstanding();
        if (requests.releaseIfStalled(nowNanos, timeoutNanos,
                (piece, begin) -> torrent.picker().timedOut(picks, piece, begin,
                        torrent.geometry().blockLength(piece, begin / PieceView.BLOCK_SIZE))) > 0) {
            log.debug("{}: {} requests timed out", this, outstanding);
            torrent.fillAll();
        }
    }

    void updateRateForStrategies(long nowMillis) {
        torrent.picker().downloadRate(picks, downloadMeter.rate(nowMillis));
    }

    PeerSnapshot snapshot(long nowMillis, int pieceCount) {
        var flags = new StringBuilder();
        if (amInterested) {
            flags.append(peerChoking ? 'd' : 'D');
        }
        if (peerInterested) {
            flags.append(amChoking ? 'u' : 'U');
        }
        if (torrent.chokeSlot(this) == ChokingDecision.Slot.OPTIMISTIC) {
            flags.append('O');
        }
        if (torrent.snubbed(this)) {
            flags.append('S');
        }
        if (connection.established().incoming()) {
            flags.append('I');
        }
        if (fast()) {
            flags.append('F');
        }
        if (connection.established().extensionProtocol()) {
            flags.append('E');
        }
        return new PeerSnapshot(address(), client, source, connection.established().incoming(),
                (double) picks.pieceCount() / pieceCount, downloadMeter.rate(nowMillis),
                uploadMeter.rate(nowMillis), downloadMeter.total(), uploadMeter.total(), flags.toString());
    }

    // ---- messages, on the reader thread ------------------------------------------------------------------------

    @Override
    public void keepAlive() {
        // the connection noted that the peer is alive
    }

    @Override
    public void choke() {
        torrent.locked(() -> {
            log.debug("{} chokes us ({} requests outstanding)", this, requests.outstanding());
            peerChoking = true;
            torrent.picker().choked(picks, !fast());
            if (!fast() && requests.outstanding() > 0) {
                // BEP 3: the choke discarded our requests; the other peers can have those blocks
                requests.abandonAll();
                torrent.fillAll();
            }
        });
    }

    @Override
    public void unchoke() {
        torrent.locked(() -> {
            log.debug("{} unchokes us", this);
            peerChoking = false;
            torrent.picker().unchoked(picks);
            fillPipeline();
        });
    }

    @Override
    public void interested() {
        torrent.locked(() -> {
            peerInterested = true;
            torrent.interestChanged(this, true);
        });
    }

    @Override
    public void notInterested() {
        torrent.locked(() -> {
            peerInterested = false;
            torrent.interestChanged(this, false);
        });
    }

    @Override
    public void have(int piece) {
        torrent.locked(() -> {
            torrent.picker().have(picks, piece);
            if (torrent.bothSeeds(this)) {
                connection.close("we are both seeds");
                return;
            }
            fillPipeline();
        });
    }

    @Override
    public void bitfield(byte[] bits) {
        BitSet pieces = Bitfields.toBitSet(bits);
        announce(() -> torrent.picker().bitfield(picks, pieces));
    }

    @Override
    public void haveAll() {
        announce(() -> torrent.picker().haveAll(picks));
    }

    @Override
    public void haveNone() {
        announce(() -> torrent.picker().haveNone(picks));
    }

    /**
     * A bitfield, have-all or have-none replaces what the peer announced. BEP 3 and 6 send one, first; aria2 also sends
     * bitfields for progress and have-all when it completes, so they are taken at any time (each costs the peer as
     * much bandwidth as it costs us work).
     */
    private void announce(Runnable update) {
        torrent.locked(() -> {
            update.run();
            if (torrent.bothSeeds(this)) {
                connection.close("we are both seeds");
                return;
            }
            fillPipeline();
        });
    }

    @Override
    public void request(int piece, int begin, int length) {
        torrent.locked(() -> {
            if (amChoking) {
                refuse(piece, begin, length, "while choked");
            } else if (!torrent.picker().pieces().have(piece)) {
                refuse(piece, begin, length, "for pieces we do not have");
            } else if (!connection.upload(new Message.Piece(piece, begin, length))) {
                refuse(piece, begin, length, "more than our request queue");
            } else {
                refused = 0;
            }
        });
    }

    @Override
    public void piece(int piece, int begin, ByteBuffer block) throws IOException {
        int length = block.remaining();
        long nowMillis = Torrent.nowMillis();
        downloadMeter.add(length, nowMillis);
        recentDownload.add(length, nowMillis);
        torrent.receive(this, piece, begin, block);
    }

    @Override
    public void cancel(int piece, int begin, int length) {
        connection.cancelUpload(piece, begin, length);
    }

    @Override
    public void port(int port) {
        // we run no DHT
    }

    @Override
    public void suggest(int piece) {
        torrent.locked(() -> torrent.picker().suggest(picks, piece));
    }

    @Override
    public void reject(int piece, int begin, int length) {
        torrent.locked(() -> {
            if (requests.rejected(piece, begin)) {
                torrent.picker().rejected(picks, piece, begin, length);
                torrent.fillAll();
            }
        });
    }

    @Override
    public void allowedFast(int piece) {
        torrent.locked(() -> {
            torrent.picker().allowedFast(picks, piece);
            fillPipeline();
        });
    }

    @Override
    public void extended(int extension, ByteBuffer payload) {
        try {
            switch (extension) {
                case ExtensionHandshake.ID -> extensionHandshake(ExtensionHandshake.decode(payload));
                case Extensions.UT_METADATA -> {
                    var message = MetadataMessage.decode(payload);
                    message.ifPresent(m -> torrent.locked(() -> torrent.metadataMessage(this, m)));
                }
                case Extensions.UT_PEX -> {
                    PexMessage message = PexMessage.decode(payload);
                    torrent.locked(() -> torrent.pexReceived(this, message));
                }
                default -> {
                    // an extension we did not offer: ignored politely
                }
            }
        } catch (ProtocolException e) {
            connection.close("protocol violation: " + e.getMessage());
        }
    }

    /** The name from the peer id, or the extension handshake's {@code v} when the id's style is unknown. */
    static String clientName(String fromPeerId, ExtensionHandshake handshake) {
        return fromPeerId.startsWith("unknown") ? handshake.client().orElse(fromPeerId) : fromPeerId;
    }

    private void extensionHandshake(ExtensionHandshake handshake) {
        torrent.locked(() -> {
            extensions = handshake;
            peerQueue = handshake.requestQueue().orElse(0);
            client = clientName(client, handshake);
            if (listenAddress == null && handshake.listenPort().isPresent()) {
                listenAddress = new InetSocketAddress(address().getAddress(), handshake.listenPort().getAsInt());
                torrent.learnedListenAddress(this);
            }
            if (pex == null) {
                pex = new PexState(listenAddress);
            }
        });
    }

    // ---- connection events -------------------------------------------------------------------------------------

    @Override
    public void blockSent(Message.Piece block) {
        uploadMeter.add(block.length(), Torrent.nowMillis());
        torrent.uploaded(block.length());
    }

    @Override
    public void closed(String reason) {
        torrent.disconnected(this, reason);
    }

    // ---- what the choker reads ---------------------------------------------------------------------------------

    @Override
    public RateMeter downloadMeter() {
        return downloadMeter;
    }

    @Override
    public RateMeter uploadMeter() {
        return uploadMeter;
    }

    @Override
    public boolean peerInterested() {
        return peerInterested;
    }

    @Override
    public boolean amInterested() {
        return amInterested;
    }

    @Override
    public boolean peerChoking() {
        return peerChoking;
    }

    @Override
    public boolean peerIsSeed() {
        return picks.isSeed();
    }

    @Override
    public String toString() {
        // an incoming connection's port is not the peer's: name the one it listens on once its handshake tells it
        return listenAddress == null || listenAddress.equals(address()) ? connection.toString()
                : connection + " listening on " + listenAddress.getPort();
    }
}
