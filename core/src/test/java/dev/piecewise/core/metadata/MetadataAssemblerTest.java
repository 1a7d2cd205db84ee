package dev.piecewise.core.metadata;

import dev.piecewise.api.InfoHash;
import dev.piecewise.core.metadata.MetadataAssembler.Outcome;
import dev.piecewise.core.metadata.MetadataAssembler.SourceState;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.MetainfoParser;
import dev.piecewise.core.metainfo.Sha1;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static dev.piecewise.core.metadata.MetadataMessage.PIECE_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataAssemblerTest {

    /** About 160 KB: 10 pieces, the last one short. */
    private static final byte[] INFO = InfoDictionaries.singleFile("payload.bin", 8000);
    private static final InfoHash HASH = InfoHash.of(Sha1.digest(INFO));
    private static final int PIECES = MetadataMessage.pieceCount(INFO.length);

    private final MetadataAssembler<String> assembler = new MetadataAssembler<>(HASH);
    private long now = 1_000;

    private static MetadataMessage.Data piece(int piece) {
        return piece(INFO, piece);
    }

    private static MetadataMessage.Data piece(byte[] metadata, int piece) {
        int from = piece * PIECE_SIZE;
        return new MetadataMessage.Data(piece, metadata.length, Arrays.copyOfRange(metadata, from,
                from + MetadataMessage.pieceLength(metadata.length, piece)));
    }

    private static byte[] corrupted(int at) {
        byte[] bad = INFO.clone();
        bad[at] ^= 1;
        return bad;
    }

    /** Answers every request of {@code peer} from {@code metadata} until it has nothing more to ask; the last outcome. */
    private Outcome serve(String peer, byte[] metadata) {
        Outcome last = null;
        for (List<Integer> asked = assembler.requests(peer, now); !asked.isEmpty();
             asked = assembler.requests(peer, now)) {
            for (int piece : asked) {
                last = assembler.received(peer, piece(metadata, piece), now);
            }
        }
        return last;
    }

    private Map<String, SourceState> states() {
        var states = new java.util.LinkedHashMap<String, SourceState>();
        assembler.sources(now).forEach(source -> states.put(source.peer(), source.state()));
        return states;
    }

    @Test
    void requestsAreSpreadOverThePeersAndTheVerifiedMetadataParses() throws Exception {
        assertTrue(PIECES == 10 && INFO.length % PIECE_SIZE != 0, "the test needs a short last piece");
        for (String peer : List.of("a", "b", "c")) {
            assertTrue(assembler.offered(peer, INFO.length));
        }
        List<Integer> a = assembler.requests("a", now);
        List<Integer> b = assembler.requests("b", now);
        List<Integer> c = assembler.requests("c", now);
        assertEquals(List.of(0, 1, 2, 3), a);
        assertEquals(List.of(4, 5, 6, 7), b);
        assertEquals(List.of(8, 9), c);
        assertEquals(List.of(), assembler.requests("a", now), "a peer has at most 4 requests outstanding");
        assertEquals(Map.of("a", SourceState.ASKED, "b", SourceState.ASKED, "c", SourceState.ASKED), states());

        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        for (int i = 0; i < all.size(); i++) {
            String peer = i < 4 ? "a" : i < 8 ? "b" : "c";
            Outcome outcome = assembler.received(peer, piece(all.get(i)), now);
            assertEquals(i < all.size() - 1 ? Outcome.STORED : Outcome.COMPLETE, outcome);
            assertEquals(i < all.size() - 1, assembler.metadata().isEmpty(), "nothing is trusted before the end");
        }
        assertArrayEquals(INFO, assembler.metadata().orElseThrow());
        assertEquals(OptionalInt.of(INFO.length), assembler.size());
        assertEquals(PIECES, assembler.piecesReceived());
        Metainfo metainfo = MetainfoParser.parseInfo(assembler.metadata().orElseThrow(),
                List.of(List.of("udp://127.0.0.1:6969")), "magnet " + HASH);
        assertEquals(HASH, metainfo.infoHash());
        assertEquals("payload.bin", metainfo.name());
        assertEquals(List.of(), assembler.requests("a", now), "nothing more is asked once complete");
    }

    @Test
    void aPieceThatFailsTheHashIsNeverTrustedAndItsOnlySenderIsDistrusted() {
        assembler.offered("liar", INFO.length);
        assertEquals(Outcome.HASH_FAILED, serve("liar", corrupted(INFO.length / 2)));
        assertTrue(assembler.metadata().isEmpty());
        assertTrue(assembler.distrusted("liar"));
        assertEquals(1, assembler.hashFailures());
        assertEquals(List.of(), assembler.requests("liar", now), "a distrusted peer is never asked again");

        assembler.offered("honest", INFO.length);
        assertEquals(Outcome.COMPLETE, serve("honest", INFO));
        assertArrayEquals(INFO, assembler.metadata().orElseThrow());
        assertEquals(Optional.of("the metadata it sent does not match the info-hash"),
                assembler.sources(now).getFirst().problem());
    }

    @Test
    void whenSeveralPeersContributedToBadMetadataEachNextAttemptComesFromOnePeer() {
        assembler.offered("honest", INFO.length);
        assembler.offered("liar", INFO.length);
        assertEquals(List.of(0, 1, 2, 3), assembler.requests("honest", now));
        assertEquals(List.of(4, 5, 6, 7), assembler.requests("liar", now));
        byte[] bad = corrupted(5 * PIECE_SIZE + 3);
        for (int piece : List.of(0, 1, 2, 3)) {
            assembler.received("honest", piece(piece), now);
        }
        assertEquals(List.of(8, 9), assembler.requests("honest", now));
        for (int piece : List.of(4, 5, 6, 7)) {
            assembler.received("liar", piece(bad, piece), now);
        }
        assembler.received("honest", piece(8), now);
        assertEquals(Outcome.HASH_FAILED, assembler.received("honest", piece(9), now));
        assertFalse(assembler.distrusted("honest") || assembler.distrusted("liar"), "no one can be blamed yet");
        assertTrue(assembler.metadata().isEmpty());

        // the liar is asked first: it alone now gets every request, and is found out
        List<Integer> attempt = assembler.requests("liar", now);
        assertEquals(List.of(), assembler.requests("honest", now), "one peer per attempt");
        assertEquals(List.of(0, 1, 2, 3), attempt);
        assertEquals(Outcome.HASH_FAILED, serveAgain("liar", bad, attempt));
        assertTrue(assembler.distrusted("liar"));
        assertFalse(assembler.distrusted("honest"));
        assertEquals(Outcome.COMPLETE, serve("honest", INFO));
        assertArrayEquals(INFO, assembler.metadata().orElseThrow());
        assertEquals(2, assembler.hashFailures());
    }

    private Outcome serveAgain(String peer, byte[] metadata, List<Integer> first) {
        for (int piece : first) {
            assembler.received(peer, piece(metadata, piece), now);
        }
        return serve(peer, metadata);
    }

    @Test
    void aPeerAnnouncingAnotherSizeInItsDataIsDistrustedAndItsPiecesGoToOthers() {
        assembler.offered("a", INFO.length);
        assembler.offered("b", INFO.length);
        List<Integer> asked = assembler.requests("a", now);
        var wrong = new MetadataMessage.Data(asked.getFirst(), INFO.length + 1, piece(asked.getFirst()).data());
        assertEquals(Outcome.REFUSED, assembler.received("a", wrong, now));
        assertTrue(assembler.distrusted("a"));
        assertTrue(assembler.sources(now).getFirst().problem().orElseThrow().contains("after offering"));
        assertEquals(Outcome.UNSOLICITED, assembler.received("a", piece(asked.get(1)), now));
        assertEquals(Outcome.COMPLETE, serve("b", INFO));
    }

    @Test
    void aPieceOfTheWrongLengthIsRefused() {
        assembler.offered("a", INFO.length);
        int piece = assembler.requests("a", now).getFirst();
        var shortPiece = new MetadataMessage.Data(piece, INFO.length, new byte[100]);
        assertEquals(Outcome.REFUSED, assembler.received("a", shortPiece, now));
        assertTrue(assembler.sources(now).getFirst().problem().orElseThrow().contains("sent 100 bytes"));
        assertEquals(0, assembler.piecesReceived());
    }

    @Test
    void oversizedZeroAndNegativeSizesAreNotFetched() {
        assertFalse(assembler.offered("huge", MetadataMessage.MAX_SIZE + 1L));
        assertFalse(assembler.offered("zero", 0));
        assertFalse(assembler.offered("negative", -5));
        assertEquals(List.of(), assembler.requests("huge", now));
        assertEquals(OptionalInt.empty(), assembler.size());
        assertEquals(List.of(), assembler.sources(now));
        assertTrue(assembler.offered("largest", MetadataMessage.MAX_SIZE));
        assertEquals(4, assembler.requests("largest", now).size(), "memory grows only as pieces arrive");
    }

    @Test
    void theSizeMostPeersOfferIsFetchedAndALoneWrongSizeIsFoundOutByTheHash() {
        assembler.offered("wrong", INFO.length + PIECE_SIZE);
        assembler.offered("a", INFO.length);
        assertEquals(OptionalInt.of(INFO.length + PIECE_SIZE), assembler.size(), "a tie keeps the size fetched");
        assertEquals(List.of(), assembler.requests("a", now), "a peer offering another size is not asked");
        assembler.offered("b", INFO.length);
        assertEquals(OptionalInt.of(INFO.length), assembler.size(), "the majority wins");
        assertEquals(List.of(), assembler.requests("wrong", now));
        assertEquals(Outcome.COMPLETE, serve("a", INFO));

        var alone = new MetadataAssembler<String>(HASH);
        byte[] padded = Arrays.copyOf(INFO, INFO.length + 10);
        alone.offered("wrong", padded.length);
        Outcome outcome = null;
        for (int piece : List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)) {
            alone.requests("wrong", now);
            outcome = alone.received("wrong", piece(padded, piece), now);
        }
        assertEquals(Outcome.HASH_FAILED, outcome);
        assertTrue(alone.distrusted("wrong"));
        assertTrue(alone.metadata().isEmpty());
    }

    @Test
    void endlessRejectsMakeAPeerPauseThenGiveUpWhileOthersAreWaitedFor() {
        assembler.offered("refuser", INFO.length);
        for (int reject = 1; reject <= MetadataAssembler.MAX_REJECTS; reject++) {
            List<Integer> asked = assembler.requests("refuser", now);
            assertFalse(asked.isEmpty(), "reject " + reject);
            asked.forEach(piece -> assembler.rejected("refuser", piece, now));
            if (reject < MetadataAssembler.MAX_REJECTS) {
                assertEquals(SourceState.REJECTING, states().get("refuser"));
                assertEquals(List.of(), assembler.requests("refuser", now + 1), "it pauses after rejecting");
            }
            now += MetadataAssembler.MAX_PAUSE_MILLIS;
        }
        assertEquals(SourceState.GAVE_UP, states().get("refuser"));
        assertEquals(List.of(), assembler.requests("refuser", now + 3_600_000));
        assertTrue(assembler.metadata().isEmpty());

        assembler.offered("latecomer", INFO.length);
        assertEquals(Outcome.COMPLETE, serve("latecomer", INFO));
    }

    @Test
    void thePauseAfterRejectsDoubles() {
        assembler.offered("a", INFO.length);
        assembler.rejected("a", assembler.requests("a", now).getFirst(), now);
        long first = MetadataAssembler.FIRST_PAUSE_MILLIS;
        assertEquals(List.of(), assembler.requests("a", now + first - 1));
        List<Integer> again = assembler.requests("a", now + first);
        assertFalse(again.isEmpty());
        assembler.rejected("a", again.getFirst(), now + first);
        assertEquals(List.of(), assembler.requests("a", now + first + 2 * first - 1));
        assertFalse(assembler.requests("a", now + first + 2 * first).isEmpty());
    }

    @Test
    void aRejectForAPieceNotAskedOfThatPeerChangesNothing() {
        assembler.offered("a", INFO.length);
        assembler.offered("b", INFO.length);
        List<Integer> asked = assembler.requests("a", now);
        assembler.rejected("b", asked.getFirst(), now);
        assembler.rejected("b", 9, now);
        assertEquals(0, assembler.sources(now).get(1).rejects());
        assertEquals(SourceState.ASKED, states().get("a"));
    }

    @Test
    void unansweredRequestsGoToAnotherPeerAndALateAnswerIsIgnored() {
        assembler.offered("silent", INFO.length);
        assembler.offered("b", INFO.length);
        List<Integer> asked = assembler.requests("silent", now);
        assertEquals(Outcome.STORED, serve("b", INFO));
        assertEquals(PIECES - asked.size(), assembler.piecesReceived(), "the silent peer's pieces are still awaited");
        now += MetadataAssembler.REQUEST_TIMEOUT_MILLIS - 1;
        assertEquals(List.of(), assembler.requests("b", now));
        now += 1;
        assembler.expire(now);
        assertEquals(SourceState.REJECTING, states().get("silent"));
        assertEquals(1, assembler.sources(now).getFirst().rejects(), "a round of timeouts counts once");
        assertEquals(Outcome.UNSOLICITED, assembler.received("silent", piece(asked.getFirst()), now));
        assertEquals(Outcome.COMPLETE, serve("b", INFO));
    }

    @Test
    void aPeerThatLeavesHandsItsRequestsToTheOthers() {
        assembler.offered("leaver", INFO.length);
        assembler.offered("b", INFO.length);
        assertEquals(List.of(0, 1, 2, 3), assembler.requests("leaver", now));
        assembler.left("leaver");
        assertEquals(List.of(0, 1, 2, 3), assembler.requests("b", now));
        assertEquals(List.of("b"), assembler.sources(now).stream().map(MetadataAssembler.Source::peer).toList());
    }

    @Test
    void unsolicitedPiecesAreNotKept() {
        assembler.offered("a", INFO.length);
        assertEquals(Outcome.UNSOLICITED, assembler.received("a", piece(5), now));
        assertEquals(Outcome.UNSOLICITED, assembler.received("stranger", piece(0), now));
        assertEquals(0, assembler.piecesReceived());
    }

    @Test
    void aNewHandshakeWithAnotherSizeReplacesThePeersOffer() {
        assembler.offered("a", INFO.length + 1);
        assembler.requests("a", now);
        assembler.offered("a", INFO.length);
        assertEquals(OptionalInt.of(INFO.length), assembler.size());
        assertEquals(Outcome.COMPLETE, serve("a", INFO));
    }
}
