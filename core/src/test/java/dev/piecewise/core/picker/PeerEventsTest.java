package dev.piecewise.core.picker;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Availability and interest as peers come, announce and go. */
class PeerEventsTest {

    private static final int PIECE = 4 * 16 * 1024;

    private final List<String> interestChanges = new ArrayList<>();
    private final PiecePicker picker = new PiecePicker("test", new PieceGeometry(10L * PIECE, PIECE),
            new SplittableRandom(1), (peer, interested) -> interestChanges.add(peer.id() + (interested ? "+" : "-")));

    @Test
    void availabilityFollowsBitfieldHaveAndLeave() {
        PickerPeer a = picker.join(1);
        PickerPeer b = picker.join(2);
        picker.bitfield(a, bits(0, 1, 2));
        picker.bitfield(b, bits(2, 3));
        picker.have(b, 4);
        assertAvailability(1, 1, 2, 1, 1, 0, 0, 0, 0, 0);
        picker.have(b, 4);
        assertEquals(1, picker.pieces().availability().of(4), "a repeated have counts once");
        picker.leave(a);
        assertAvailability(0, 0, 1, 1, 1, 0, 0, 0, 0, 0);
        picker.leave(a);
        assertAvailability(0, 0, 1, 1, 1, 0, 0, 0, 0, 0);
        assertEquals(1, picker.pieces().peerCount());
    }

    @Test
    void haveAllCountsTheSeedOnceWithoutTouchingPieces() {
        PickerPeer a = picker.join(1);
        PickerPeer seed = picker.join(2);
        picker.bitfield(a, bits(5));
        picker.haveAll(seed);
        assertAvailability(1, 1, 1, 1, 1, 2, 1, 1, 1, 1);
        TorrentPieces pieces = (TorrentPieces) picker.pieces();
        assertEquals(0, pieces.index.partialCount(0), "the seed is not counted per piece");
        assertTrue(seed.isSeed());
        assertEquals(10, seed.pieceCount());
        picker.leave(seed);
        assertAvailability(0, 0, 0, 0, 0, 1, 0, 0, 0, 0);
    }

    @Test
    void aFullBitfieldOrHavesThatCompleteThePeerMakeASeed() {
        PickerPeer full = picker.join(1);
        picker.bitfield(full, bits(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertTrue(full.isSeed());
        PickerPeer growing = picker.join(2);
        picker.bitfield(growing, bits(0, 1, 2, 3, 4, 5, 6, 7, 8));
        assertFalse(growing.isSeed());
        picker.have(growing, 9);
        assertTrue(growing.isSeed());
        assertAvailability(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        assertEquals(0, ((TorrentPieces) picker.pieces()).index.partialCount(3));
    }

    @Test
    void haveNoneAndASecondBitfieldReplaceWhatThePeerAnnounced() {
        PickerPeer a = picker.join(1);
        picker.bitfield(a, bits(1, 2));
        picker.bitfield(a, bits(2, 3));
        assertAvailability(0, 0, 1, 1, 0, 0, 0, 0, 0, 0);
        picker.haveAll(a);
        picker.haveNone(a);
        assertAvailability(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(0, a.pieceCount());
    }

    @Test
    void bitsPastTheLastPieceAreIgnored() {
        PickerPeer a = picker.join(1);
        picker.bitfield(a, bits(9, 10, 15));
        assertEquals(1, a.pieceCount());
        assertFalse(a.has(10));
    }

    @Test
    void outOfRangeIndicesFromTheEngineAreRefusedClearly() {
        PickerPeer a = picker.join(1);
        var error = assertThrows(IllegalArgumentException.class, () -> picker.have(a, 10));
        assertTrue(error.getMessage().contains("piece 10 is out of range 0..9"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> picker.verified(-1));
        assertThrows(IllegalArgumentException.class, () -> picker.allowedFast(a, 99));
    }

    @Test
    void minAvailabilityIsTheRarestNeededPiece() {
        PickerPeer a = picker.join(1);
        PickerPeer b = picker.join(2);
        picker.bitfield(a, bits(0, 1, 2, 3, 4, 5, 6, 7, 8));
        picker.bitfield(b, bits(0, 1, 2, 3, 4, 5, 6, 7, 8));
        assertEquals(0, picker.metrics().minAvailability(), "piece 9 is on nobody");
        picker.verified(9);
        assertEquals(2, picker.metrics().minAvailability());
        Requests.pick(picker, a, 0);
        picker.unchoked(a);
        Requests.pick(picker, a, 4);
        picker.leave(b);
        assertEquals(1, picker.metrics().minAvailability(), "started pieces count too");
    }

    @Test
    void interestFollowsWhatPeersHaveAndWhatWeNeed() {
        PickerPeer a = picker.join(1);
        PickerPeer seed = picker.join(2);
        picker.have(a, 3);
        picker.have(a, 4);
        picker.haveAll(seed);
        assertTrue(a.interesting());
        assertEquals(List.of("1+", "2+"), interestChanges);
        picker.verified(3);
        assertTrue(a.interesting(), "it still has piece 4");
        picker.verified(4);
        assertFalse(a.interesting());
        picker.have(a, 2);
        picker.verified(2);
        for (int piece = 0; piece < 10; piece++) {
            picker.verified(piece);
        }
        assertFalse(seed.interesting(), "nothing is needed from a seed once complete");
        assertEquals(List.of("1+", "2+", "1-", "1+", "1-", "2-"), interestChanges);
    }

    @Test
    void aPeerWithOnlyPiecesWeHaveIsNotInteresting() {
        picker.verified(0);
        PickerPeer a = picker.join(1);
        picker.bitfield(a, bits(0));
        assertFalse(a.interesting());
        picker.have(a, 1);
        assertTrue(a.interesting());
        assertEquals(List.of("1+"), interestChanges);
    }

    private void assertAvailability(int... expected) {
        int[] actual = new int[expected.length];
        for (int piece = 0; piece < expected.length; piece++) {
            actual[piece] = picker.pieces().availability().of(piece);
        }
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
    }

    static BitSet bits(int... pieces) {
        var bits = new BitSet();
        for (int piece : pieces) {
            bits.set(piece);
        }
        return bits;
    }
}
