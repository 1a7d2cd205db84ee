package dev.piecewise.core.engine;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PieceCompletionTest {

    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 1);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 2);

    @Test
    void aPieceIsReadyOnlyWhenItsLastBlockArrivedAndEveryWriteFinished() {
        var completion = new PieceCompletion();
        completion.writing(7, A, false);
        completion.writing(7, B, true);
        assertFalse(completion.written(7), "the first block is still being written");
        assertTrue(completion.written(7));
    }

    @Test
    void theLastBlockWrittenFirstStillWaitsForTheOthers() {
        var completion = new PieceCompletion();
        completion.writing(7, A, false);
        completion.writing(7, A, true);
        assertFalse(completion.written(7));
        assertTrue(completion.written(7));
        assertThrows(IllegalStateException.class, () -> completion.written(8));
    }

    @Test
    void aPeerThatAloneSendsBadPiecesTwiceIsBanned() {
        var completion = new PieceCompletion();
        completion.writing(1, A, true);
        completion.written(1);
        assertEquals(List.of(), completion.failed(1));
        completion.writing(2, A, true);
        completion.written(2);
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
