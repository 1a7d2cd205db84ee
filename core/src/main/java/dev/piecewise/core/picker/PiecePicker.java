package dev.piecewise.core.picker;

import dev.piecewise.core.plugin.CallWatch;
import dev.piecewise.core.plugin.PluginOverrun;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides what to request from whom for one torrent, and keeps the books on it: what we have, which blocks are
 * requested from which peers, what every peer has and how rare each piece is. The torrent's {@link PieceStrategy}
 * chooses; this class makes every choice safe and keeps all the state, so a strategy can be switched at any moment
 * without losing anything.
 *
 * <p>Not thread-safe: the engine calls it under the torrent's lock, the simulator from its one thread. It has no
 * clock, thread or I/O; its only randomness is the one it is given.
 *
 * <p>The engine's calls, all cheap (see {@code modules-info-docs/picker.md}):
 * <ul>
 *   <li>peers: {@link #join}, {@link #leave}; what they have: {@link #bitfield}, {@link #have}, {@link #haveAll},
 *       {@link #haveNone}; {@link #choked}, {@link #unchoked}, {@link #allowedFast}, {@link #suggest},
 *       {@link #downloadRate};</li>
 *   <li>requests: {@link #pick} whenever a peer's pipeline has room, then for each request one of
 *       {@link #received}, {@link #rejected} or {@link #timedOut};</li>
 *   <li>pieces: {@link #verified} (also for the pieces found on disk at start) or {@link #failed};</li>
 *   <li>interest: an {@link InterestListener} is told whenever it changes; {@link PickerPeer#interesting()}.</li>
 * </ul>
 * Piece indices from the engine must be in range ({@link IllegalArgumentException} otherwise: the wire layer checks
 * what peers send); block offsets and lengths are checked here, since they decide what a block is.
 */
public final class PiecePicker {

    private static final Logger log = LoggerFactory.getLogger(PiecePicker.class);

    private final String torrent;
    private final TorrentPieces pieces;
    private final SafePickSink sink;
    private final InterestListener interest;
    private final List<PickerPeer> peers = new ArrayList<>();
    private final PieceStrategy fallback = new FallbackStrategy();
    private final CallWatch watch = new CallWatch();
    private PieceStrategy strategy = fallback;
    private String strategyName = FallbackStrategy.NAME;

    private long duplicateBytes;
    private long unrequestedBlocks;
    private long cancels;
    private long requestTimeouts;
    private long rejects;
    private long hashFailures;
    private long wastedBytes;

    /**
     * A picker for a torrent of which we have nothing yet, using the built-in rarest-first until
     * {@link #setStrategy} is called.
     *
     * @param torrent  names the torrent in log messages
     * @param random   breaks ties between pieces of equal availability
     * @param interest told whenever we become interested or not interested in a peer
     */
    public PiecePicker(String torrent, PieceGeometry geometry, RandomGenerator random, InterestListener interest) {
        this.torrent = Objects.requireNonNull(torrent, "torrent");
        this.pieces = new TorrentPieces(geometry, Objects.requireNonNull(random, "random"));
        this.pieces.watch = watch;
        this.sink = new SafePickSink(pieces, watch);
        this.interest = Objects.requireNonNull(interest, "interest");
    }

    /** Switches the strategy; it is used from the next {@link #pick} on, and nothing requested is lost. */
    public void setStrategy(PieceStrategy strategy, String name) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.strategyName = Objects.requireNonNull(name, "name");
    }

    /** The name of the strategy in use: the one set, or the built-in one after it failed. */
    public String strategyName() {
        return strategyName;
    }

    /**
     * Watches the strategy's calls: a watchdog on another thread calls {@link CallWatch#watch()} so that a strategy
     * that does not return is unwound and replaced by the built-in one.
     */
    public CallWatch watch() {
        return watch;
    }

    /** Whether the built-in strategy is in use because the one set failed (or none was set). */
    public boolean usingFallback() {
        return strategy == fallback;
    }

    /** The torrent's pieces, read-only: what we have, what is in flight, availability. */
    public PieceView pieces() {
        return pieces;
    }

    /** Whether we have every piece. */
    public boolean complete() {
        return pieces.complete();
    }

    public PickerMetrics metrics() {
        return new PickerMetrics(duplicateBytes, unrequestedBlocks, cancels, requestTimeouts, rejects,
                hashFailures, wastedBytes, pieces.min());
    }

    // ---- peers and what they have ------------------------------------------------------------------------------

    /** A peer connected; it has nothing and chokes us until it says otherwise. */
    public PickerPeer join(long id) {
        var peer = new PickerPeer(id, pieces.pieceCount());
        peer.watch = watch;
        peers.add(peer);
        pieces.peerCount++;
        return peer;
    }

    /** A peer disconnected: its requests go back to the pool and its pieces leave the availability. */
    public void leave(PickerPeer peer) {
        if (peer.gone) {
            return;
        }
        peer.gone = true;
        releaseAll(peer);
        withdrawPieces(peer);
        peers.remove(peer);
        pieces.peerCount--;
    }

    /** The peer's bitfield (bits past the last piece are ignored). Replaces whatever it announced before. */
    public void bitfield(PickerPeer peer, BitSet announced) {
        if (peer.gone) {
            return;
        }
        withdrawPieces(peer);
        int pieceCount = pieces.pieceCount();
        if (announced.nextClearBit(0) >= pieceCount) {
            peer.becomeSeed();
            pieces.index.addSeed();
        } else {
            for (int piece = announced.nextSetBit(0); piece >= 0 && piece < pieceCount;
                 piece = announced.nextSetBit(piece + 1)) {
                announcePiece(peer, piece);
            }
        }
        updateInterest(peer);
    }

    /** The peer announced one piece. A peer whose announcements complete the torrent is counted as a seed. */
    public void have(PickerPeer peer, int piece) {
        checkPiece(piece);
        if (peer.gone || !announcePiece(peer, piece)) {
            return;
        }
        if (peer.pieceCount() == pieces.pieceCount()) {
            withdrawPieces(peer);
            peer.becomeSeed();
            pieces.index.addSeed();
        }
        updateInterest(peer);
    }

    /** The peer has every piece (BEP 6 have-all). Costs nothing per piece. */
    public void haveAll(PickerPeer peer) {
        if (peer.gone || peer.isSeed()) {
            return;
        }
        withdrawPieces(peer);
        peer.becomeSeed();
        pieces.index.addSeed();
        updateInterest(peer);
    }

    /** The peer has no piece (BEP 6 have-none). */
    public void haveNone(PickerPeer peer) {
        if (peer.gone) {
            return;
        }
        withdrawPieces(peer);
        updateInterest(peer);
    }

    /**
     * The peer choked us. Without the fast extension a choke discards every request outstanding at it
     * ({@code requestsDiscarded}): they go back to the pool. With it, requests stand until rejected or served.
     */
    public void choked(PickerPeer peer, boolean requestsDiscarded) {
        if (peer.gone) {
            return;
        }
        peer.choking(true);
        if (requestsDiscarded) {
            rejects += peer.requests.size();
            releaseAll(peer);
        }
    }

    public void unchoked(PickerPeer peer) {
        if (!peer.gone) {
            peer.choking(false);
        }
    }

    /** The peer lets us request {@code piece} while it chokes us (BEP 6); it keeps at most a few dozen. */
    public void allowedFast(PickerPeer peer, int piece) {
        checkPiece(piece);
        if (!peer.gone) {
            peer.allowFast(piece);
        }
    }

    /** The peer suggests {@code piece} (BEP 6); the most recent few are kept. */
    public void suggest(PickerPeer peer, int piece) {
        checkPiece(piece);
        if (!peer.gone) {
            peer.suggest(piece);
        }
    }

    /** The rate at which the peer sends us block data now, as strategies see it. */
    public void downloadRate(PickerPeer peer, double bytesPerSecond) {
        peer.downloadRate(bytesPerSecond);
    }

    // ---- requests ----------------------------------------------------------------------------------------------

    /**
     * Chooses up to {@code budget} blocks to request from {@code peer} and hands each to {@code out}, which sends
     * them; they are recorded as outstanding at that peer. Does nothing when we are not interested in the peer, or
     * it chokes us and allows nothing fast that we need.
     *
     * <p>If the strategy throws, offers without end, offers a piece or block out of range, or does not return (see
     * {@link #watch()}), one warning is logged naming it and the torrent continues
     * with the built-in rarest-first, starting with this call.
     *
     * @return how many requests were handed to {@code out}
     */
    public int pick(PickerPeer peer, int budget, RequestSink out) {
        if (peer.gone || budget <= 0 || !peer.interesting() || peer.choking() && !needsAllowedFast(peer)) {
            return 0;
        }
        sink.open(peer, budget, out);
        pieces.partials.beginPick();
        try {
            runStrategy(peer);
            return sink.emitted();
        } finally {
            pieces.partials.endPick();
            sink.close();
        }
    }

    /**
     * A block arrived from {@code peer}. A needed block is recorded as received; the requests for it outstanding
     * at other peers are taken back and handed to {@code cancels}.
     */
    public BlockArrival received(PickerPeer peer, int piece, int begin, int length, CancelSink cancels) {
        int block = blockAt(piece, begin, length);
        if (block < 0) {
            return BlockArrival.INVALID;
        }
        long key = BlockSet.key(piece, block);
        boolean requested = !peer.gone && peer.requests.remove(key);
        PartialPiece partial = pieces.partials.get(piece);
        if (pieces.have(piece) || partial != null && partial.received(block)) {
            duplicateBytes += length;
            return BlockArrival.DUPLICATE;
        }
        partial = pieces.startedPiece(piece);
        if (partial.requests(block) > (requested ? 1 : 0)) {
            cancelOthers(peer, key, begin, length, cancels);
        }
        pieces.receive(partial, block);
        if (!requested) {
            unrequestedBlocks++;
        }
        return BlockArrival.needed(requested, partial.complete());
    }

    /** The peer rejected a request (BEP 6): the block goes back to the pool. Returns whether it was outstanding. */
    public boolean rejected(PickerPeer peer, int piece, int begin, int length) {
        boolean outstanding = takeBack(peer, piece, begin, length);
        if (outstanding) {
            rejects++;
        }
        return outstanding;
    }

    /**
     * A request waited too long: it is taken back and its block goes back to the pool (if the block still arrives,
     * it counts as unrequested). Returns whether it was outstanding.
     */
    public boolean timedOut(PickerPeer peer, int piece, int begin, int length) {
        boolean outstanding = takeBack(peer, piece, begin, length);
        if (outstanding) {
            requestTimeouts++;
        }
        return outstanding;
    }

    // ---- pieces ------------------------------------------------------------------------------------------------

    /** {@code piece} passed its hash check (or was found complete on disk): we have it. */
    public void verified(int piece) {
        checkPiece(piece);
        if (pieces.have(piece)) {
            return;
        }
        PartialPiece partial = pieces.partials.get(piece);
        if (partial != null) {
            dropRequests(partial);
        }
        pieces.markHave(piece);
        boolean complete = pieces.complete();
        for (PickerPeer peer : peers) {
            if (peer.isSeed()) {
                if (complete) {
                    updateInterest(peer);
                }
            } else if (peer.has(piece)) {
                peer.wanted--;
                updateInterest(peer);
            }
        }
    }

    /** {@code piece} failed its hash check: its blocks are forgotten and it starts again. */
    public void failed(int piece) {
        checkPiece(piece);
        PartialPiece partial = pieces.partials.get(piece);
        if (partial == null) {
            return;
        }
        dropRequests(partial);
        hashFailures++;
        wastedBytes += pieces.pieceLength(piece);
        pieces.restart(partial);
    }

    // ---- internals ---------------------------------------------------------------------------------------------

    private void runStrategy(PickerPeer peer) {
        boolean watched = strategy != fallback;
        try {
            if (watched) {
                watch.begin();
            }
            try {
                strategy.pick(pieces, peer, sink);
            } finally {
                if (watched) {
                    watch.end();
                }
            }
            if (sink.ranAway()) {
                log.warn("Piece strategy {} kept offering after the pipeline was full on torrent {}; continuing"
                        + " with the {}", strategyName, torrent, FallbackStrategy.NAME);
                switchToFallback();
                pickWithFallback(peer);
            } else if (sink.invalidOffer() != null && strategy != fallback) {
                log.warn("Piece strategy {} {} on torrent {}; continuing with the {}", strategyName,
                        sink.invalidOffer(), torrent, FallbackStrategy.NAME);
                switchToFallback();
                pickWithFallback(peer);
            }
        } catch (Throwable failure) {
            if (sink.engineFailure() != null) {
                throw sink.engineFailure();
            }
            if (failure instanceof VirtualMachineError error && !(failure instanceof StackOverflowError)) {
                throw error;
            }
            if (strategy == fallback) {
                throw new IllegalStateException("the built-in strategy failed", failure);
            }
            if (failure instanceof PluginOverrun) {
                log.warn("Piece strategy {} did not return in time on torrent {}; continuing with the {}",
                        strategyName, torrent, FallbackStrategy.NAME);
            } else {
                log.warn("Piece strategy {} failed on torrent {}; continuing with the {}", strategyName, torrent,
                        FallbackStrategy.NAME, failure);
            }
            switchToFallback();
            pickWithFallback(peer);
        }
    }

    private void switchToFallback() {
        strategy = fallback;
        strategyName = FallbackStrategy.NAME;
    }

    private void pickWithFallback(PickerPeer peer) {
        sink.forgiveOffers();
        if (!sink.full()) {
            fallback.pick(pieces, peer, sink);
        }
    }

    private boolean needsAllowedFast(PickerPeer peer) {
        for (int i = 0; i < peer.allowedFastCount(); i++) {
            int piece = peer.allowedFastPiece(i);
            if (peer.has(piece) && !pieces.have(piece)) {
                return true;
            }
        }
        return false;
    }

    /** Records a newly announced piece; returns whether it was new. */
    private boolean announcePiece(PickerPeer peer, int piece) {
        if (!peer.announce(piece)) {
            return false;
        }
        pieces.index.increment(piece);
        if (!pieces.have(piece)) {
            peer.wanted++;
        }
        return true;
    }

    /** Takes what the peer announced out of the availability. */
    private void withdrawPieces(PickerPeer peer) {
        if (peer.isSeed()) {
            pieces.index.removeSeed();
        } else {
            BitSet announced = peer.announced();
            for (int piece = announced.nextSetBit(0); piece >= 0; piece = announced.nextSetBit(piece + 1)) {
                pieces.index.decrement(piece);
            }
        }
        peer.forgetPieces();
    }

    private void updateInterest(PickerPeer peer) {
        boolean now = peer.isSeed() ? !pieces.complete() : peer.wanted > 0;
        if (now != peer.interesting) {
            peer.interesting = now;
            interest.interestChanged(peer, now);
        }
    }

    private void releaseAll(PickerPeer peer) {
        peer.requests.drain(key -> pieces.removeRequest(pieces.partials.get(BlockSet.piece(key)),
                BlockSet.block(key)));
    }

    private boolean takeBack(PickerPeer peer, int piece, int begin, int length) {
        int block = blockAt(piece, begin, length);
        if (block < 0 || peer.gone || !peer.requests.remove(BlockSet.key(piece, block))) {
            return false;
        }
        pieces.removeRequest(pieces.partials.get(piece), block);
        return true;
    }

    private void cancelOthers(PickerPeer receiver, long key, int begin, int length, CancelSink sinkOfCancels) {
        int piece = BlockSet.piece(key);
        for (PickerPeer other : peers) {
            if (other != receiver && other.requests.remove(key)) {
                cancels++;
                sinkOfCancels.cancel(other, piece, begin, length);
            }
        }
    }

    /** Takes every request outstanding on a piece that is leaving the started pieces off the peers' books. */
    private void dropRequests(PartialPiece partial) {
        for (int block = 0; block < partial.blocks(); block++) {
            if (partial.requests(block) > 0) {
                long key = BlockSet.key(partial.piece, block);
                for (PickerPeer peer : peers) {
                    peer.requests.remove(key);
                }
            }
        }
    }

    /** The block that {@code begin} and {@code length} describe exactly, or -1. */
    private int blockAt(int piece, int begin, int length) {
        if (!pieces.geometry.contains(piece) || begin < 0 || begin % PieceView.BLOCK_SIZE != 0
                || begin >= pieces.geometry.pieceLength(piece)) {
            return -1;
        }
        int block = begin / PieceView.BLOCK_SIZE;
        return length == pieces.geometry.blockLength(piece, block) ? block : -1;
    }

    private void checkPiece(int piece) {
        if (!pieces.geometry.contains(piece)) {
            throw new IllegalArgumentException("piece " + piece + " is out of range 0.." + (pieces.pieceCount() - 1));
        }
    }
}
