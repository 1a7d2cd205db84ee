package dev.piecewise.core.picker;

import dev.piecewise.core.picker.BlockArrival.Kind;
import dev.piecewise.core.picker.Requests.Request;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.piecewise.core.picker.PeerEventsTest.bits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests from picks to arrivals, rejects, timeouts and hash checks. */
class RequestsAndArrivalsTest {

    private static final int BLOCK = 16 * 1024;
    private static final int PIECE = 4 * BLOCK;
    /** Three pieces; the last is one full block and 100 bytes. */
    private final PiecePicker picker = new PiecePicker("test", new PieceGeometry(2L * PIECE + BLOCK + 100, PIECE),
            new SplittableRandom(1), InterestListener.NONE);

    @Test
    void aPickRequestsTheBlocksOfAPieceInOrderWithinTheBudget() {
        PickerPeer peer = unchokedPeer(1, 2);
        assertEquals(List.of(new Request(2, 0, BLOCK), new Request(2, BLOCK, 100)), Requests.pick(picker, peer, 10));
        assertEquals(2, peer.outstanding());
        assertTrue(peer.requested(2, 1));
        assertEquals(1, picker.pieces().requests(2, 0));
        assertEquals(List.of(2), List.of(picker.pieces().partial(0)));
        assertEquals(8, picker.pieces().unrequestedBlocks());

        PickerPeer other = unchokedPeer(2, 0, 1);
        List<Request> three = Requests.pick(picker, other, 3);
        assertEquals(3, three.size());
        int piece = three.get(0).piece();
        assertEquals(List.of(new Request(piece, 0, BLOCK), new Request(piece, BLOCK, BLOCK),
                new Request(piece, 2 * BLOCK, BLOCK)), three);
        assertEquals(List.of(new Request(piece, 3 * BLOCK, BLOCK)), Requests.pick(picker, other, 1),
                "the started piece is finished before another is started");
    }

    @Test
    void nothingIsPickedFromAPeerThatChokesUsUnlessAllowedFast() {
        PickerPeer peer = picker.join(1);
        picker.bitfield(peer, bits(0, 1, 2));
        assertEquals(List.of(), Requests.pick(picker, peer, 10));
        picker.allowedFast(peer, 1);
        assertEquals(List.of(1), pieces(Requests.pick(picker, peer, 10)));
        assertEquals(List.of(), Requests.pick(picker, peer, 10), "allowed-fast piece fully requested");
    }

    @Test
    void nothingIsPickedFromAPeerWeAreNotInterestedIn() {
        picker.verified(0);
        PickerPeer peer = unchokedPeer(1, 0);
        assertFalse(peer.interesting());
        assertEquals(List.of(), Requests.pick(picker, peer, 10));
    }

    @Test
    void arrivalsCompleteAPieceThenTurnIntoDuplicates() {
        PickerPeer peer = unchokedPeer(1, 2);
        Requests.pick(picker, peer, 10);
        assertEquals(new BlockArrival(Kind.REQUESTED, false), received(peer, 2, BLOCK, 100));
        BlockArrival last = received(peer, 2, 0, BLOCK);
        assertEquals(new BlockArrival(Kind.REQUESTED, true), last);
        assertTrue(last.useful());
        assertEquals(0, peer.outstanding());
        assertEquals(new BlockArrival(Kind.DUPLICATE, false), received(peer, 2, 0, BLOCK));
        picker.verified(2);
        assertTrue(picker.pieces().have(2));
        assertEquals(0, picker.pieces().partialCount());
        assertSame(BlockArrival.DUPLICATE, received(peer, 2, BLOCK, 100));
        assertEquals(BLOCK + 100, picker.metrics().duplicateBytes());
    }

    @Test
    void whatIsNotABlockOfTheTorrentIsInvalid() {
        PickerPeer peer = unchokedPeer(1, 0, 1, 2);
        assertEquals(Kind.INVALID, received(peer, 3, 0, BLOCK).kind(), "no such piece");
        assertEquals(Kind.INVALID, received(peer, -1, 0, BLOCK).kind());
        assertEquals(Kind.INVALID, received(peer, 0, 100, BLOCK).kind(), "not on a block boundary");
        assertEquals(Kind.INVALID, received(peer, 0, PIECE, BLOCK).kind(), "past the piece");
        assertEquals(Kind.INVALID, received(peer, 0, 0, BLOCK - 1).kind(), "short");
        assertEquals(Kind.INVALID, received(peer, 2, BLOCK, BLOCK).kind(), "the last block is shorter");
        assertFalse(BlockArrival.INVALID.useful());
        assertEquals(0, picker.pieces().partialCount(), "nothing recorded");
    }

    @Test
    void anUnrequestedBlockIsKeptAndCounted() {
        PickerPeer peer = unchokedPeer(1, 0);
        assertEquals(new BlockArrival(Kind.UNREQUESTED, false), received(peer, 0, BLOCK, BLOCK));
        assertTrue(picker.pieces().received(0, 1));
        assertEquals(List.of(0), List.of(picker.pieces().partial(0)));
        assertEquals(1, picker.metrics().unrequestedBlocks());
        assertEquals(List.of(new Request(0, 0, BLOCK), new Request(0, 2 * BLOCK, BLOCK),
                new Request(0, 3 * BLOCK, BLOCK)), Requests.pick(picker, peer, 10));
    }

    @Test
    void aRejectedOrTimedOutBlockGoesBackToThePool() {
        PickerPeer slow = unchokedPeer(1, 0);
        PickerPeer fast = unchokedPeer(2, 0);
        Requests.pick(picker, slow, 2);
        assertTrue(picker.rejected(slow, 0, 0, BLOCK));
        assertFalse(picker.rejected(slow, 0, 0, BLOCK), "not outstanding any more");
        assertTrue(picker.timedOut(slow, 0, BLOCK, BLOCK));
        assertFalse(picker.timedOut(slow, 0, 7, BLOCK), "not a block");
        assertEquals(0, slow.outstanding());
        assertEquals(10, picker.pieces().unrequestedBlocks());
        assertEquals(0, picker.pieces().partialCount(), "a piece with nothing requested or received is not started");
        assertEquals(4, Requests.pick(picker, fast, 4).size());
        assertEquals(new BlockArrival(Kind.UNREQUESTED, false), received(slow, 0, BLOCK, BLOCK),
                "a block arriving after its timeout is still useful");
        assertEquals(Kind.DUPLICATE, received(fast, 0, BLOCK, BLOCK).kind());
        var metrics = picker.metrics();
        assertEquals(1, metrics.rejects());
        assertEquals(1, metrics.requestTimeouts());
    }

    @Test
    void aFailedPieceForgetsItsBlocksAndStartsAgain() {
        PickerPeer peer = unchokedPeer(1, 0);
        Requests.pick(picker, peer, 4);
        for (int block = 0; block < 4; block++) {
            received(peer, 0, block * BLOCK, BLOCK);
        }
        picker.failed(0);
        assertEquals(0, picker.pieces().partialCount());
        assertFalse(picker.pieces().received(0, 0));
        assertEquals(4, Requests.pick(picker, peer, 4).size(), "requested again");
        var metrics = picker.metrics();
        assertEquals(1, metrics.hashFailures());
        assertEquals(PIECE, metrics.wastedBytes());
    }

    @Test
    void aChokeWithoutTheFastExtensionDiscardsRequests() {
        PickerPeer peer = unchokedPeer(1, 0, 1);
        Requests.pick(picker, peer, 6);
        picker.choked(peer, false);
        assertEquals(6, peer.outstanding(), "with the fast extension, requests stand until rejected");
        picker.choked(peer, true);
        assertEquals(0, peer.outstanding());
        assertEquals(10, picker.pieces().unrequestedBlocks());
        assertEquals(6, picker.metrics().rejects());
    }

    @Test
    void aPeerLeavingReturnsItsRequestsAndItsUntouchedPiecesBecomeCandidatesAgain() {
        PickerPeer leaving = unchokedPeer(1, 0, 1, 2);
        Requests.pick(picker, leaving, 5);
        received(leaving, picker.pieces().partial(0), 0, BLOCK);
        picker.leave(leaving);
        assertEquals(1, picker.pieces().partialCount(), "the piece with a received block stays started");
        var candidates = new ArrayList<Integer>();
        picker.pieces().availability().visitRarest(candidates::add);
        assertEquals(2, candidates.size());
        assertEquals(9, picker.pieces().unrequestedBlocks());
        assertEquals(0, picker.pick(leaving, 10, new Requests()), "a peer that left gets nothing");
    }

    private PickerPeer unchokedPeer(long id, int... pieces) {
        PickerPeer peer = picker.join(id);
        picker.bitfield(peer, bits(pieces));
        picker.unchoked(peer);
        return peer;
    }

    private BlockArrival received(PickerPeer peer, int piece, int begin, int length) {
        return picker.received(peer, piece, begin, length, CancelSink.NONE);
    }

    private static List<Integer> pieces(List<Request> requests) {
        return requests.stream().map(Request::piece).distinct().toList();
    }
}
