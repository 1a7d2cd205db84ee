package dev.piecewise.core.metadata;

import dev.piecewise.api.InfoHash;
import dev.piecewise.core.metainfo.Sha1;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Fetches a torrent's metadata (its info dictionary, BEP 9) from the peers that offer it, for a torrent added by
 * magnet link, and trusts it only once its SHA-1 is the info-hash.
 *
 * <p>The size comes from the peers' extension handshakes: the size most of them offer is fetched (a peer offering
 * another size is not asked while that size is tried). Pieces are spread over the peers, a few requests each at most,
 * and taken back when a peer rejects them, leaves, or does not answer in time. A peer that rejects is asked again after
 * a growing pause, and given up on after {@link #MAX_REJECTS} rounds of rejects in a row. A peer that sends a piece of the wrong
 * length or announces another size is distrusted. When the assembled metadata fails the hash check, its only
 * contributor is distrusted; if several contributed, no one can be blamed, so the next attempts each take every piece
 * from one peer, until the culprit is found or the metadata is complete. Memory is bounded by the size fetched, at
 * most {@link MetadataMessage#MAX_SIZE}: pieces are kept only as they arrive, and only pieces asked for are kept.
 *
 * <p>Not thread-safe: the engine uses it under the torrent's lock. Time is passed in. Peers are whatever the engine
 * uses for them ({@code P}), compared with {@code equals}.
 *
 * @param <P> the engine's peer
 */
public final class MetadataAssembler<P> {

    /** Requests outstanding with one peer at most. */
    static final int MAX_OUTSTANDING_PER_PEER = 4;
    /** A request unanswered this long goes to another peer, and counts as a reject. */
    static final long REQUEST_TIMEOUT_MILLIS = 20_000;
    /** The pause after a first reject; it doubles with each further one in a row, up to {@link #MAX_PAUSE_MILLIS}. */
    static final long FIRST_PAUSE_MILLIS = 2_000;
    static final long MAX_PAUSE_MILLIS = 60_000;
    /** Rounds of rejects in a row (those refused together count once) after which a peer is no longer asked. */
    static final int MAX_REJECTS = 8;

    /** What became of a piece a peer sent. */
    public enum Outcome {
        /** Kept; more pieces are needed. */
        STORED,
        /** It completed the metadata and the metadata matches the info-hash: see {@link #metadata()}. */
        COMPLETE,
        /** It completed the metadata, which failed the hash check: thrown away, to be fetched again. */
        HASH_FAILED,
        /** We did not ask this peer for that piece (or asked and gave up waiting): ignored. */
        UNSOLICITED,
        /** The piece had the wrong length or size: the peer is distrusted (see {@link #distrusted}). */
        REFUSED
    }

    /** Where a peer stands as a source of metadata, for the status shown to users. */
    public enum SourceState {
        /** Requests to it are outstanding. */
        ASKED,
        /** Nothing asked of it now: every piece is asked of others, or it offers a size not being fetched. */
        IDLE,
        /** It rejected our last request: asked again after a pause. */
        REJECTING,
        /** It rejected too often in a row: no longer asked. */
        GAVE_UP,
        /** It sent bad metadata or broke the protocol: never asked again. */
        DISTRUSTED
    }

    /**
     * A peer that offered the metadata, and what came of it.
     *
     * @param size     the size it offered
     * @param received the pieces it sent that we kept
     * @param rejects  its rounds of rejects (and timeouts) in a row
     * @param problem  why it is distrusted, if it is
     */
    public record Source<P>(P peer, int size, SourceState state, int received, int rejects,
                            Optional<String> problem) {
    }

    private static final class Offer {
        final int size;
        int outstanding;
        int received;
        int rejects;
        long pauseUntilMillis;
        String distrust;

        Offer(int size) {
            this.size = size;
        }

        boolean gaveUp() {
            return rejects >= MAX_REJECTS;
        }
    }

    /** A piece asked of a peer. */
    private record Asked<P>(P peer, long atMillis) {
    }

    private final InfoHash infoHash;
    private final Map<P, Offer> offers = new LinkedHashMap<>();
    /** Requests outstanding, by piece. */
    private final Map<Integer, Asked<P>> asked = new HashMap<>();

    private int size;
    private byte[][] pieces;
    private List<P> senders;
    private int piecesReceived;
    /** After a hash failure no one could be blamed for: each attempt takes every piece from one peer. */
    private boolean oneSourcePerAttempt;
    private P attemptSource;
    private byte[] metadata;
    private int hashFailures;

    public MetadataAssembler(InfoHash infoHash) {
        this.infoHash = infoHash;
    }

    // ---- peers ------------------------------------------------------------------------------------------------

    /**
     * A peer offers the metadata: its extension handshake has {@code ut_metadata} and {@code metadata_size}. A later
     * handshake from the same peer replaces its offer.
     *
     * @return {@code false} when the size is not one we would fetch (0, negative or over {@link MetadataMessage#MAX_SIZE})
     */
    public boolean offered(P peer, long offeredSize) {
        if (metadata != null || offeredSize <= 0 || offeredSize > MetadataMessage.MAX_SIZE) {
            return false;
        }
        Offer previous = offers.get(peer);
        if (previous != null) {
            if (previous.size == offeredSize) {
                return true;
            }
            left(peer);
        }
        offers.put(peer, new Offer((int) offeredSize));
        chooseSize();
        return true;
    }

    /** A peer is gone: its outstanding requests go to the others. */
    public void left(P peer) {
        if (offers.remove(peer) == null) {
            return;
        }
        releaseRequestsOf(peer);
        if (peer.equals(attemptSource)) {
            restart();
        }
        chooseSize();
    }

    // ---- requests ---------------------------------------------------------------------------------------------

    /**
     * The pieces to request from {@code peer} now, marked as requested; empty when it has enough outstanding, is
     * pausing, distrusted, given up on, offers another size than the one fetched, or every piece is asked of others.
     */
    public List<Integer> requests(P peer, long nowMillis) {
        expire(nowMillis);
        Offer offer = offers.get(peer);
        if (metadata != null || offer == null || offer.distrust != null || offer.gaveUp()
                || offer.size != size || nowMillis < offer.pauseUntilMillis) {
            return List.of();
        }
        if (oneSourcePerAttempt) {
            if (attemptSource == null) {
                attemptSource = peer;
            }
            if (!peer.equals(attemptSource)) {
                return List.of();
            }
        }
        List<Integer> chosen = new ArrayList<>();
        for (int piece = 0; piece < pieces.length && offer.outstanding < MAX_OUTSTANDING_PER_PEER; piece++) {
            if (pieces[piece] == null && !asked.containsKey(piece)) {
                asked.put(piece, new Asked<>(peer, nowMillis));
                offer.outstanding++;
                chosen.add(piece);
            }
        }
        return chosen;
    }

    /** Takes back requests unanswered for too long; each counts against its peer as a reject. */
    public void expire(long nowMillis) {
        for (var entry : List.copyOf(asked.entrySet())) {
            Asked<P> request = entry.getValue();
            if (nowMillis - request.atMillis() >= REQUEST_TIMEOUT_MILLIS) {
                refused(request.peer(), entry.getKey(), nowMillis);
            }
        }
    }

    /** The peer rejected a request: the piece goes to others, and the peer pauses before it is asked again. */
    public void rejected(P peer, int piece, long nowMillis) {
        Asked<P> request = asked.get(piece);
        if (request != null && request.peer().equals(peer)) {
            refused(peer, piece, nowMillis);
        }
    }

    private void refused(P peer, int piece, long nowMillis) {
        asked.remove(piece);
        Offer offer = offers.get(peer);
        if (offer == null) {
            return;
        }
        offer.outstanding--;
        if (nowMillis >= offer.pauseUntilMillis) {
            // the requests it refuses together count once: a peer refuses a round, then pauses
            offer.rejects++;
            offer.pauseUntilMillis = nowMillis + Math.min(MAX_PAUSE_MILLIS,
                    FIRST_PAUSE_MILLIS << Math.min(20, offer.rejects - 1));
        }
        if (peer.equals(attemptSource)) {
            restart();
        }
    }

    // ---- pieces -----------------------------------------------------------------------------------------------

    /** A piece arrived from {@code peer}. */
    public Outcome received(P peer, MetadataMessage.Data data, long nowMillis) {
        Asked<P> request = asked.get(data.piece());
        Offer offer = offers.get(peer);
        if (metadata != null || offer == null || request == null || !request.peer().equals(peer)) {
            return Outcome.UNSOLICITED;
        }
        asked.remove(data.piece());
        offer.outstanding--;
        if (data.totalSize() != size) {
            return distrust(peer, offer, "it sent a piece of metadata of " + data.totalSize() + " bytes after "
                    + "offering " + offer.size);
        }
        int expected = MetadataMessage.pieceLength(size, data.piece());
        if (data.data().length != expected) {
            return distrust(peer, offer, "it sent " + data.data().length + " bytes as metadata piece " + data.piece()
                    + ", which has " + expected);
        }
        offer.rejects = 0;
        offer.received++;
        pieces[data.piece()] = data.data().clone();
        senders.set(data.piece(), peer);
        return ++piecesReceived < pieces.length ? Outcome.STORED : verify();
    }

    private Outcome verify() {
        MessageDigest sha1 = Sha1.newDigest();
        for (byte[] piece : pieces) {
            sha1.update(piece);
        }
        if (MessageDigest.isEqual(sha1.digest(), infoHash.bytes())) {
            metadata = new byte[size];
            for (int i = 0; i < pieces.length; i++) {
                System.arraycopy(pieces[i], 0, metadata, i * MetadataMessage.PIECE_SIZE, pieces[i].length);
            }
            pieces = null;
            asked.clear();
            return Outcome.COMPLETE;
        }
        hashFailures++;
        Set<P> contributors = new LinkedHashSet<>(senders);
        if (contributors.size() == 1) {
            P culprit = contributors.iterator().next();
            offers.get(culprit).distrust = "the metadata it sent does not match the info-hash";
        } else {
            oneSourcePerAttempt = true;
        }
        restart();
        chooseSize();
        return Outcome.HASH_FAILED;
    }

    private Outcome distrust(P peer, Offer offer, String why) {
        offer.distrust = why;
        releaseRequestsOf(peer);
        if (peer.equals(attemptSource)) {
            restart();
        }
        chooseSize();
        return Outcome.REFUSED;
    }

    // ---- attempts ---------------------------------------------------------------------------------------------

    /**
     * Fetches the size most usable peers offer: one peer offering a wrong size first cannot hold up the others. Among
     * equals, the size being fetched stays (its pieces are kept), else the first offered wins.
     */
    private void chooseSize() {
        if (metadata != null) {
            return;
        }
        Map<Integer, Integer> votes = new LinkedHashMap<>();
        offers.values().stream().filter(o -> o.distrust == null && !o.gaveUp())
                .forEach(o -> votes.merge(o.size, 1, Integer::sum));
        int best = size;
        for (var vote : votes.entrySet()) {
            if (vote.getValue() > votes.getOrDefault(best, 0)) {
                best = vote.getKey();
            }
        }
        if (best != size) {
            size = best;
            restart();
        }
    }

    /** Throws away the pieces of the current attempt and the requests outstanding. */
    private void restart() {
        for (Asked<P> request : asked.values()) {
            Offer offer = offers.get(request.peer());
            if (offer != null) {
                offer.outstanding--;
            }
        }
        asked.clear();
        attemptSource = null;
        if (size > 0) {
            pieces = new byte[MetadataMessage.pieceCount(size)][];
            senders = new ArrayList<>(Collections.<P>nCopies(pieces.length, null));
        }
        piecesReceived = 0;
    }

    private void releaseRequestsOf(P peer) {
        asked.values().removeIf(request -> request.peer().equals(peer));
        Offer offer = offers.get(peer);
        if (offer != null) {
            offer.outstanding = 0;
        }
    }

    // ---- what it shows ----------------------------------------------------------------------------------------

    /** The verified metadata, once complete: its SHA-1 is the info-hash. */
    public Optional<byte[]> metadata() {
        return Optional.ofNullable(metadata).map(byte[]::clone);
    }

    public boolean complete() {
        return metadata != null;
    }

    /** The size being fetched, once a peer offered one. */
    public OptionalInt size() {
        return size == 0 ? OptionalInt.empty() : OptionalInt.of(size);
    }

    /** Pieces of the current attempt received so far. */
    public int piecesReceived() {
        return metadata != null ? MetadataMessage.pieceCount(size) : piecesReceived;
    }

    /** Pieces in all, once the size is known. */
    public int pieceCount() {
        return size == 0 ? 0 : MetadataMessage.pieceCount(size);
    }

    /** How often assembled metadata failed the hash check. */
    public int hashFailures() {
        return hashFailures;
    }

    /** Whether {@code peer} sent bad metadata or broke the protocol: the engine may drop it. */
    public boolean distrusted(P peer) {
        Offer offer = offers.get(peer);
        return offer != null && offer.distrust != null;
    }

    /** The peers that offered the metadata, in the order they did, and how each fared. */
    public List<Source<P>> sources(long nowMillis) {
        List<Source<P>> sources = new ArrayList<>(offers.size());
        offers.forEach((peer, offer) -> sources.add(new Source<>(peer, offer.size, state(offer, nowMillis),
                offer.received, offer.rejects, Optional.ofNullable(offer.distrust))));
        return sources;
    }

    private static SourceState state(Offer offer, long nowMillis) {
        if (offer.distrust != null) {
            return SourceState.DISTRUSTED;
        }
        if (offer.gaveUp()) {
            return SourceState.GAVE_UP;
        }
        if (offer.outstanding > 0) {
            return SourceState.ASKED;
        }
        return nowMillis < offer.pauseUntilMillis ? SourceState.REJECTING : SourceState.IDLE;
    }
}
