package dev.piecewise.core.picker;

import dev.piecewise.core.plugin.CallWatch;
import dev.piecewise.spi.strategy.PeerView;

import java.util.BitSet;

/**
 * What the picker knows of one connected peer: the pieces it has, whether it chokes us, what it allows fast or
 * suggests, and our requests outstanding at it. The engine gets one from {@link PiecePicker#join} and passes it back
 * on every event of that peer; strategies see it as a read-only {@link PeerView}.
 */
public final class PickerPeer implements PeerView {

    /** BEP 6 suggests 10 allowed-fast pieces; a peer may not make us hold more than this. */
    static final int MAX_ALLOWED_FAST = 64;
    static final int MAX_SUGGESTED = 16;

    private final long id;
    private final int torrentPieces;
    /** The pieces it announced; unused (and emptied) once it is a seed. */
    private final BitSet pieces = new BitSet();
    private int pieceCount;
    private boolean seed;
    private boolean choking = true;
    private final BoundedIntList allowedFast = new BoundedIntList(MAX_ALLOWED_FAST, false);
    private final BoundedIntList suggested = new BoundedIntList(MAX_SUGGESTED, true);
    final BlockSet requests = new BlockSet();
    /** Unwinds a strategy that does not return (set by the picker). */
    CallWatch watch = new CallWatch();
    private double downloadRate;
    /** For a peer that is not a seed: how many of its pieces we still need. */
    int wanted;
    /** Whether we are interested in it, as last told to the engine. */
    boolean interesting;
    /** Whether it has left; a peer that left is ignored by every call. */
    boolean gone;

    PickerPeer(long id, int torrentPieces) {
        this.id = id;
        this.torrentPieces = torrentPieces;
    }

    @Override
    public long id() {
        watch.check();
        return id;
    }

    @Override
    public boolean has(int piece) {
        watch.check();
        return piece >= 0 && piece < torrentPieces && (seed || pieces.get(piece));
    }

    @Override
    public int pieceCount() {
        watch.check();
        return seed ? torrentPieces : pieceCount;
    }

    @Override
    public boolean isSeed() {
        watch.check();
        return seed;
    }

    @Override
    public boolean choking() {
        watch.check();
        return choking;
    }

    @Override
    public boolean allowedFast(int piece) {
        watch.check();
        return allowedFast.contains(piece);
    }

    @Override
    public int suggestedCount() {
        watch.check();
        return suggested.size();
    }

    @Override
    public int suggested(int i) {
        watch.check();
        return suggested.get(i);
    }

    @Override
    public int outstanding() {
        watch.check();
        return requests.size();
    }

    @Override
    public boolean requested(int piece, int block) {
        watch.check();
        return requests.contains(BlockSet.key(piece, block));
    }

    @Override
    public double downloadRate() {
        watch.check();
        return downloadRate;
    }

    /** Whether we are interested in this peer: it has a piece we still need. */
    public boolean interesting() {
        return interesting;
    }

    @Override
    public String toString() {
        watch.check();
        return "peer " + id;
    }

    /** Records {@code piece} as announced; returns whether it is new. */
    boolean announce(int piece) {
        if (seed || pieces.get(piece)) {
            return false;
        }
        pieces.set(piece);
        pieceCount++;
        return true;
    }

    /** The pieces announced so far, while it is not a seed. */
    BitSet announced() {
        return pieces;
    }

    void becomeSeed() {
        seed = true;
        pieces.clear();
        pieceCount = 0;
        wanted = 0;
    }

    /** Forgets everything it announced. */
    void forgetPieces() {
        seed = false;
        pieces.clear();
        pieceCount = 0;
        wanted = 0;
    }

    void choking(boolean choking) {
        this.choking = choking;
    }

    void allowFast(int piece) {
        allowedFast.add(piece);
    }

    int allowedFastCount() {
        return allowedFast.size();
    }

    int allowedFastPiece(int i) {
        return allowedFast.get(i);
    }

    void suggest(int piece) {
        suggested.add(piece);
    }

    void downloadRate(double bytesPerSecond) {
        this.downloadRate = bytesPerSecond;
    }
}
