package dev.piecewise.core.metadata;

import dev.piecewise.api.InfoHash;
import dev.piecewise.core.metainfo.Sha1;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetadataServerTest {

    private static final byte[] INFO = InfoDictionaries.singleFile("served.bin", 2000);

    @Test
    void everyPieceIsServedTheLastOneShort() {
        var server = new MetadataServer(INFO);
        assertEquals(INFO.length, server.size());
        MetadataServer.Budget budget = server.budget();
        int pieces = MetadataMessage.pieceCount(INFO.length);
        byte[] joined = new byte[0];
        for (int piece = 0; piece < pieces; piece++) {
            var data = assertInstanceOf(MetadataMessage.Data.class,
                    server.answer(new MetadataMessage.Request(piece), budget));
            assertEquals(piece, data.piece());
            assertEquals(INFO.length, data.totalSize());
            assertEquals(MetadataMessage.pieceLength(INFO.length, piece), data.data().length);
            joined = concat(joined, data.data());
        }
        assertArrayEquals(INFO, joined);
    }

    @Test
    void aPieceBeyondTheMetadataIsRejected() {
        var server = new MetadataServer(INFO);
        int pieces = MetadataMessage.pieceCount(INFO.length);
        assertEquals(new MetadataMessage.Reject(pieces),
                server.answer(new MetadataMessage.Request(pieces), server.budget()));
    }

    @Test
    void aPeerAskingOverAndOverIsRejectedOnceItsBudgetIsSpentWhileOthersAreServed() {
        var server = new MetadataServer(INFO);
        MetadataServer.Budget greedy = server.budget();
        int allowed = MetadataServer.FETCHES_PER_PEER * MetadataMessage.pieceCount(INFO.length);
        for (int i = 0; i < allowed; i++) {
            assertInstanceOf(MetadataMessage.Data.class, server.answer(new MetadataMessage.Request(0), greedy));
        }
        assertEquals(new MetadataMessage.Reject(0), server.answer(new MetadataMessage.Request(0), greedy));
        assertInstanceOf(MetadataMessage.Data.class,
                server.answer(new MetadataMessage.Request(0), server.budget()));
    }

    @Test
    void anAssemblerFetchesWhatAServerServes() {
        var server = new MetadataServer(INFO);
        var assembler = new MetadataAssembler<String>(InfoHash.of(Sha1.digest(INFO)));
        assembler.offered("server", server.size());
        MetadataServer.Budget budget = server.budget();
        MetadataAssembler.Outcome outcome = null;
        for (var asked = assembler.requests("server", 0); !asked.isEmpty(); asked = assembler.requests("server", 0)) {
            for (int piece : asked) {
                var answer = server.answer(new MetadataMessage.Request(piece), budget);
                outcome = assembler.received("server", (MetadataMessage.Data) answer, 0);
            }
        }
        assertEquals(MetadataAssembler.Outcome.COMPLETE, outcome);
        assertArrayEquals(INFO, assembler.metadata().orElseThrow());
    }

    @Test
    void emptyOrOversizedMetadataCannotBeServed() {
        assertThrows(IllegalArgumentException.class, () -> new MetadataServer(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new MetadataServer(new byte[MetadataMessage.MAX_SIZE + 1]));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
