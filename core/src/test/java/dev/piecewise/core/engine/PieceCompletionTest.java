package dev.piecewise.core.engine;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PieceCompletionTest {

    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 1);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 2);

    @Test
    void aPieceIsReadyOnlyWhenItsLastBlockArrivedAndEveryWriteFinished() {
        var completion = new PieceCompletion();
        completion.writing(7, A, false);
        completion.writing(7, B, true);
        assertEquals(PieceCompletion.Next.WAIT, completion.written(7, true), "the first block is still being written");
        assertEquals(PieceCompletion.Next.VERIFY, completion.written(7, true));
    }

    @Test
    void theLastBlockWrittenFirstStillWaitsForTheOthers() {
        var completion = new PieceCompletion();
        completion.writing(7, A, false);
        completion.writing(7, A, true);
        assertEquals(PieceCompletion.Next.WAIT, completion.written(7, true));
        assertEquals(PieceCompletion.Next.VERIFY, completion.written(7, true));
        assertThrows(IllegalStateException.class, () -> completion.written(8, true));
    }

    @Test
    void aPieceWithAFailedWriteIsDiscardedOnceCompleteAndBlamesNobody() {
        var completion = new PieceCompletion();
        completion.writing(3, A, false);
        assertEquals(PieceCompletion.Next.WAIT, completion.written(3, false), "not all of it is in yet");
        completion.writing(3, A, true);
        assertEquals(PieceCompletion.Next.DISCARD, completion.written(3, true));
        assertEquals(List.of(), completion.failed(3), "discarded, so no strikes");
        completion.writing(4, A, true);
        completion.written(4, true);
        assertEquals(List.of(), completion.failed(4), "two strikes of four so far: A was not blamed for piece 3");
    }

    @Test
    void aPeerThatAloneSendsBadPiecesTwiceIsBanned() {
        var completion = new PieceCompletion();
        completion.writing(1, A, true);
        completion.written(1, true);
        assertEquals(List.of(), completion.failed(1));
        completion.writing(2, A, true);
        completion.written(2, true);
        assertEquals(List.of(A), completion.failed(2));
    }

    @Test
    void sharedBlameNeedsMoreFailuresAndVerifiedPiecesCountForNothing() {
        var completion = new PieceCompletion();
        for (int piece = 0; piece < 3; piece++) {
            completion.writing(piece, A, false);
            completion.writing(piece, B, true);
            assertEquals(List.of(), completion.failed(piece), "strike " + (piece + 1) + " of 4");
        }
        completion.writing(3, A, true);
        completion.verified(3);
        assertEquals(List.of(), completion.failed(3), "a verified piece is forgotten");
        completion.writing(4, B, false);
        completion.writing(4, A, true);
        assertEquals(2, completion.failed(4).size());
    }
}
