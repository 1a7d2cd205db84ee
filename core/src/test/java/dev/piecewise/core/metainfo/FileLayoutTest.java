package dev.piecewise.core.metainfo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FileLayoutTest {

    /** Files of 10, 0, 25 and 5 bytes (40 in all) in pieces of 8. */
    private static final FileLayout LAYOUT = new FileLayout(8, List.of(
            new TorrentFile(List.of("t", "a"), 10, 0, false),
            new TorrentFile(List.of("t", "empty"), 0, 10, false),
            new TorrentFile(List.of("t", "b"), 25, 10, false),
            new TorrentFile(List.of("t", "c"), 5, 35, false)));

    @Test
    void cutsTheStreamIntoPieces() {
        assertEquals(40, LAYOUT.totalLength());
        assertEquals(5, LAYOUT.pieceCount());
        assertEquals(8, LAYOUT.pieceLength(4));
        FileLayout shortLast = new FileLayout(16, LAYOUT.files());
        assertEquals(3, shortLast.pieceCount());
        assertEquals(8, shortLast.pieceLength(2));
        assertEquals(32, shortLast.pieceOffset(2));
        assertThrows(IndexOutOfBoundsException.class, () -> shortLast.pieceLength(3));
    }

    @Test
    void mapsRangesToFileSpansSkippingEmptyFiles() {
        List<String> spans = new ArrayList<>();
        LAYOUT.forEachSpan(6, 32, (file, offset, length, done) -> spans.add(file + "@" + offset + "+" + length
                + "/" + done));
        assertEquals(List.of("0@6+4/0", "2@0+25/4", "3@0+3/29"), spans);
        assertThrows(IndexOutOfBoundsException.class, () -> LAYOUT.forEachSpan(39, 2, (f, o, l, d) -> { }));
    }

    @Test
    void stopsAtTheFirstSpanThatFails() {
        List<Integer> visited = new ArrayList<>();
        assertFalse(LAYOUT.allSpans(0, 40, (file, offset, length, done) -> visited.add(file) && file < 2));
        assertEquals(List.of(0, 2), visited);
    }

    @Test
    void knowsWhichPiecesHoldAFile() {
        assertEquals(0, LAYOUT.firstPiece(0));
        assertEquals(2, LAYOUT.endPiece(0));
        assertEquals(LAYOUT.firstPiece(1), LAYOUT.endPiece(1), "an empty file has no pieces");
        assertEquals(1, LAYOUT.firstPiece(2));
        assertEquals(5, LAYOUT.endPiece(2));
        assertEquals(4, LAYOUT.firstPiece(3));
        assertEquals(5, LAYOUT.endPiece(3));
    }

    @Test
    void countsTheBytesOfAFileInSomePieces() {
        BitSet pieces = new BitSet();
        pieces.set(1);
        pieces.set(4);
        assertEquals(2, LAYOUT.bytesIn(0, pieces));
        assertEquals(0, LAYOUT.bytesIn(1, pieces));
        assertEquals(6 + 3, LAYOUT.bytesIn(2, pieces));
        assertEquals(5, LAYOUT.bytesIn(3, pieces));
    }

    @Test
    void refusesFilesThatDoNotFollowEachOther() {
        assertThrows(IllegalArgumentException.class, () -> new FileLayout(8, List.of(
                new TorrentFile(List.of("a"), 10, 0, false), new TorrentFile(List.of("b"), 10, 11, false))));
        assertThrows(IllegalArgumentException.class, () -> new FileLayout(0, LAYOUT.files()));
    }
}
