package dev.piecewise.core.picker;

import dev.piecewise.core.picker.Requests.Request;
import dev.piecewise.spi.strategy.PieceView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives one picker through thousands of random events from a churning swarm (joins, leaves, announcements, chokes,
 * picks, arrivals in any order, rejects, timeouts, hash failures) and checks every piece of its books against a
 * brute-force recount along the way. The download must complete.
 */
class RandomSwarmTest {

    private static final int PIECE = 3 * PieceView.BLOCK_SIZE + 500;
    private static final int PIECES = 60;

    private final SplittableRandom random = new SplittableRandom(42);
    private final Map<PickerPeer, Boolean> interestTold = new HashMap<>();
    private final PiecePicker picker = new PiecePicker("swarm", new PieceGeometry((long) PIECES * PIECE - 7, PIECE),
            new SplittableRandom(9), interestTold::put);
    private final TorrentPieces pieces = (TorrentPieces) picker.pieces();
    private final List<PickerPeer> peers = new ArrayList<>();
    /** Requests in flight, per peer, in the order they were handed out. */
    private final Map<PickerPeer, List<Request>> inFlight = new HashMap<>();
    private long nextId;

    @Test
    void booksStayConsistentAndTheDownloadCompletes() {
        picker.setStrategy((torrent, peer, sink) -> {
            // rarest first, plus end-game duplicates once everything is requested
            new FallbackStrategy().pick(torrent, peer, sink);
            if (torrent.unrequestedBlocks() == 0) {
                for (int i = 0; i < torrent.partialCount(); i++) {
                    int piece = torrent.partial(i);
                    for (int block = 0; block < torrent.blockCount(piece); block++) {
                        if (torrent.requests(piece, block) == 1 && !sink.block(piece, block)) {
                            return;
                        }
                    }
                }
            }
        }, "rarest+endgame");
        for (int i = 0; i < 6; i++) {
            join();
        }
        int steps = 0;
        while (!picker.complete() && steps++ < 50_000) {
            step();
            if (steps % 50 == 0) {
                checkBooks();
            }
        }
        checkBooks();
        assertTrue(picker.complete(), "complete after " + steps + " steps");
        var metrics = picker.metrics();
        assertTrue(metrics.hashFailures() > 0 && metrics.rejects() > 0 && metrics.requestTimeouts() > 0,
                "the run exercised failures: " + metrics);
    }

    private void step() {
        int dice = random.nextInt(100);
        if (dice < 2) {
            join();
        } else if (dice < 4 && peers.size() > 2) {
            leave(peers.get(random.nextInt(peers.size())));
        } else if (peers.isEmpty()) {
            join();
        } else {
            PickerPeer peer = peers.get(random.nextInt(peers.size()));
            if (dice < 10) {
                picker.have(peer, random.nextInt(PIECES));
            } else if (dice < 13) {
                boolean discard = random.nextBoolean();
                picker.choked(peer, discard);
                if (discard) {
                    inFlight.get(peer).clear();
                }
            } else if (dice < 20) {
                picker.unchoked(peer);
            } else if (dice < 22) {
                picker.allowedFast(peer, random.nextInt(PIECES));
            } else if (dice < 50) {
                var requests = new Requests();
                picker.pick(peer, 1 + random.nextInt(8), requests);
                inFlight.get(peer).addAll(requests.list);
            } else {
                answerOne(peer, dice);
            }
        }
    }

    private void answerOne(PickerPeer peer, int dice) {
        List<Request> flight = inFlight.get(peer);
        if (flight.isEmpty()) {
            return;
        }
        Request request = flight.remove(random.nextInt(flight.size()));
        if (dice < 53) {
            assertTrue(picker.rejected(peer, request.piece(), request.begin(), request.length()));
        } else if (dice < 56) {
            assertTrue(picker.timedOut(peer, request.piece(), request.begin(), request.length()));
        } else {
            BlockArrival arrival = picker.received(peer, request.piece(), request.begin(), request.length(),
                    (other, piece, begin, length) -> assertTrue(inFlight.get(other).remove(
                            new Request(piece, begin, length)), "cancel for a request in flight"));
            if (arrival.completesPiece()) {
                if (random.nextInt(10) == 0) {
                    picker.failed(request.piece());
                } else {
                    picker.verified(request.piece());
                }
            }
        }
    }

    private void join() {
        PickerPeer peer = picker.join(nextId++);
        peers.add(peer);
        inFlight.put(peer, new ArrayList<>());
        int kind = random.nextInt(4);
        if (kind == 0) {
            picker.haveAll(peer);
        } else if (kind == 1) {
            picker.haveNone(peer);
        } else {
            var bits = new BitSet();
            for (int piece = 0; piece < PIECES; piece++) {
                if (random.nextInt(3) == 0) {
                    bits.set(piece);
                }
            }
            picker.bitfield(peer, bits);
        }
        if (random.nextBoolean()) {
            picker.unchoked(peer);
        }
    }

    private void leave(PickerPeer peer) {
        picker.leave(peer);
        peers.remove(peer);
        inFlight.remove(peer);
        interestTold.remove(peer);
    }

    private void checkBooks() {
        long unrequested = 0;
        for (int piece = 0; piece < PIECES; piece++) {
            int holders = 0;
            for (PickerPeer peer : peers) {
                holders += peer.has(piece) ? 1 : 0;
            }
            assertEquals(holders, pieces.availability().of(piece), "availability of " + piece);
            PartialPiece partial = pieces.partials.get(piece);
            boolean needed = !pieces.have(piece);
            assertEquals(needed && partial == null, pieces.index.isCandidate(piece), "candidate " + piece);
            for (int block = 0; block < pieces.blockCount(piece); block++) {
                int requesters = 0;
                for (PickerPeer peer : peers) {
                    if (peer.requested(piece, block)) {
                        requesters++;
                        assertTrue(peer.has(piece) && needed && !pieces.received(piece, block),
                                "request for " + piece + "/" + block + " at " + peer);
                    }
                }
                assertEquals(requesters, pieces.requests(piece, block), "requests of " + piece + "/" + block);
                if (needed && requesters == 0 && !pieces.received(piece, block)) {
                    unrequested++;
                }
            }
            if (partial != null) {
                assertFalse(partial.untouched(), "a started piece has something received or requested");
                assertEquals(partial.freeCount() > 0, partial.listedOpen, "open " + piece);
            }
        }
        assertEquals(unrequested, pieces.unrequestedBlocks());
        for (int i = 1; i < pieces.partialCount(); i++) {
            assertTrue(pieces.partials.started(i - 1).sequence < pieces.partials.started(i).sequence, "oldest first");
        }
        for (PickerPeer peer : peers) {
            assertEquals(inFlight.get(peer).size(), peer.outstanding(), "outstanding at " + peer);
            boolean wanted = false;
            for (int piece = 0; piece < PIECES && !wanted; piece++) {
                wanted = peer.has(piece) && !pieces.have(piece);
            }
            assertEquals(wanted, peer.interesting(), "interest in " + peer);
            assertEquals(wanted, interestTold.getOrDefault(peer, false), "interest told for " + peer);
        }
    }
}
