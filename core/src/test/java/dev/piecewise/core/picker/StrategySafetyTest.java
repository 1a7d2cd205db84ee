package dev.piecewise.core.picker;

import dev.piecewise.core.picker.BlockArrival.Kind;
import dev.piecewise.core.picker.Requests.Request;
import dev.piecewise.spi.strategy.PieceStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Duration;

import static dev.piecewise.core.picker.PeerEventsTest.bits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the core does with what a strategy offers: filters it, duplicates on request, survives a broken plugin. */
class StrategySafetyTest {

    private static final int BLOCK = 16 * 1024;
    private static final int PIECE = 4 * BLOCK;

    private final PiecePicker picker = new PiecePicker("test", new PieceGeometry(8L * PIECE, PIECE),
            new SplittableRandom(1), InterestListener.NONE);

    @Test
    void nothingUnsafeAMisbehavingStrategyOffersGetsThrough() {
        picker.verified(0);
        PickerPeer peer = unchokedPeer(1, 0, 1, 2, 3);
        picker.received(peer, 3, 0, BLOCK, CancelSink.NONE);
        picker.setStrategy((torrent, view, sink) -> {
            sink.piece(0);                      // we have it
            sink.piece(5);                      // the peer lacks it
            sink.piece(-1);                     // out of range
            sink.piece(8);
            sink.piece(Integer.MAX_VALUE);
            sink.block(1, -1);
            sink.block(1, 4);                   // no such block
            sink.block(-3, 0);
            sink.block(0, 0);                   // we have it
            sink.block(3, 0);                   // already received
            sink.block(2, 1);                   // good
            sink.block(2, 1);                   // already requested from this peer
            sink.piece(2);                      // the rest of piece 2, block 1 not again
            sink.block(5, 0);                   // the peer lacks it
        }, "misbehaving");
        List<Request> requests = Requests.pick(picker, peer, 100);
        assertEquals(List.of(new Request(2, BLOCK, BLOCK), new Request(2, 0, BLOCK), new Request(2, 2 * BLOCK, BLOCK),
                new Request(2, 3 * BLOCK, BLOCK)), requests.subList(0, 4), "what it asked for that is safe stands");
        assertTrue(picker.usingFallback(), "offering pieces out of range is a broken strategy: the built-in one"
                + " takes over in the same pick");
        assertEquals(List.of(1, 3), requests.stream().skip(4).map(Request::piece).distinct().sorted().toList(),
                "the built-in one asks for the rest the peer has");
    }

    @Test
    void aChokingPeerGetsRequestsOnlyForAllowedFastPieces() {
        PickerPeer peer = picker.join(1);
        picker.bitfield(peer, bits(1, 2));
        picker.allowedFast(peer, 2);
        picker.allowedFast(peer, 6);
        picker.setStrategy((torrent, view, sink) -> {
            sink.piece(1);
            sink.block(1, 0);
            sink.piece(6);
            sink.piece(2);
        }, "eager");
        assertEquals(List.of(2), Requests.pick(picker, peer, 100).stream().map(Request::piece).distinct().toList());
    }

    @Test
    void theSinkStopsAtTheBudget() {
        PickerPeer peer = unchokedPeer(1, 0, 1, 2);
        var answers = new ArrayList<Boolean>();
        picker.setStrategy((torrent, view, sink) -> {
            answers.add(sink.piece(0));
            answers.add(sink.piece(1));
            answers.add(sink.piece(2));
        }, "greedy");
        assertEquals(6, Requests.pick(picker, peer, 6).size());
        assertEquals(List.of(true, false, false), answers);
    }

    @Test
    void endGameDuplicatesAreCancelledWhenTheBlockArrives() {
        PickerPeer slow = unchokedPeer(1, 0);
        PickerPeer fast = unchokedPeer(2, 0);
        picker.setStrategy((torrent, view, sink) -> {
            sink.piece(0);
            sink.block(0, 0);
            sink.block(0, 1);
        }, "duplicating");
        assertEquals(4, Requests.pick(picker, slow, 10).size());
        assertEquals(List.of(new Request(0, 0, BLOCK), new Request(0, BLOCK, BLOCK)), Requests.pick(picker, fast, 10),
                "piece(0) has nothing nobody requested; block() duplicates");
        assertEquals(2, picker.pieces().requests(0, 0));
        assertEquals(List.of(), Requests.pick(picker, fast, 10), "never twice at the same peer");

        var cancelled = new ArrayList<String>();
        CancelSink cancels = (peer, piece, begin, length) -> cancelled.add(peer.id() + ":" + piece + "@" + begin);
        assertEquals(Kind.REQUESTED, picker.received(fast, 0, 0, BLOCK, cancels).kind());
        assertEquals(List.of("1:0@0"), cancelled);
        assertFalse(slow.requested(0, 0));
        assertEquals(Kind.DUPLICATE, picker.received(slow, 0, 0, BLOCK, cancels).kind(), "a copy already on its way");
        assertEquals(Kind.REQUESTED, picker.received(slow, 0, BLOCK, BLOCK, cancels).kind());
        assertEquals(List.of("1:0@0", "2:0@16384"), cancelled);
        var metrics = picker.metrics();
        assertEquals(2, metrics.cancels());
        assertEquals(BLOCK, metrics.duplicateBytes());
    }

    @Test
    void switchingStrategyMidDownloadLosesNothing() {
        PickerPeer a = unchokedPeer(1, 0, 1, 2, 3, 4, 5, 6, 7);
        PickerPeer b = unchokedPeer(2, 0, 1, 2, 3, 4, 5, 6, 7);
        picker.setStrategy(lowestFirst(), "lowest");
        List<Request> before = new ArrayList<>(Requests.pick(picker, a, 6));
        assertEquals(List.of(0, 1), before.stream().map(Request::piece).distinct().toList());
        picker.setStrategy(highestFirst(), "highest");
        assertEquals("highest", picker.strategyName());
        List<Request> after = Requests.pick(picker, b, 4);
        assertEquals(List.of(7), after.stream().map(Request::piece).distinct().toList());
        assertEquals(6, a.outstanding(), "what was requested before the switch is still outstanding");
        for (Request request : before) {
            assertEquals(Kind.REQUESTED, picker.received(a, request.piece(), request.begin(), request.length(),
                    CancelSink.NONE).kind());
        }
        for (Request request : after) {
            assertEquals(Kind.REQUESTED, picker.received(b, request.piece(), request.begin(), request.length(),
                    CancelSink.NONE).kind());
        }
        // and the download completes with the new strategy, every block requested exactly once
        var seen = new HashSet<Request>(before);
        seen.addAll(after);
        downloadRest(b, seen);
        assertTrue(picker.complete());
        assertEquals(32, seen.size());
        assertEquals(0, picker.metrics().duplicateBytes());
    }

    @Test
    void aThrowingStrategyIsReplacedByTheBuiltInOneAndTheTorrentGoesOn() {
        PickerPeer peer = unchokedPeer(1, 0, 1, 2);
        int[] calls = {0};
        picker.setStrategy((torrent, view, sink) -> {
            calls[0]++;
            sink.piece(2);
            throw new IllegalStateException("bug in plugin");
        }, "buggy");
        List<Request> requests = Requests.pick(picker, peer, 8);
        assertEquals(8, requests.size(), "the fallback fills the rest of the budget in the same pick");
        assertEquals(2, requests.get(0).piece(), "what the strategy requested before failing stands");
        assertTrue(picker.usingFallback());
        assertEquals("built-in rarest-first", picker.strategyName());
        assertEquals(4, Requests.pick(picker, peer, 8).size());
        assertEquals(1, calls[0], "the failed strategy is not called again (so it is reported once)");
    }

    @Test
    void aStrategyThatNeverStopsOfferingIsCutOff() {
        PickerPeer peer = unchokedPeer(1, 3);
        picker.setStrategy((torrent, view, sink) -> {
            while (sink.piece(5)) {
                // offers a piece the peer lacks forever, until the sink says no
            }
        }, "runaway");
        assertEquals(4, Requests.pick(picker, peer, 8).size());
        assertTrue(picker.usingFallback());
    }

    @Test
    void aStrategyThatDoesNotReturnIsUnwoundByTheWatchdogAndReplaced() throws Exception {
        PickerPeer peer = unchokedPeer(1, 0, 1, 2);
        var looping = new CountDownLatch(1);
        picker.setStrategy((torrent, view, sink) -> {
            looping.countDown();
            for (int i = 0; ; i = (i + 1) % torrent.pieceCount()) {
                try {
                    view.has(i);            // an endless walk that even swallows exceptions
                } catch (RuntimeException ignored) {
                    // a careless plugin
                }
            }
        }, "endless");
        var done = new AtomicBoolean();
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            try {
                looping.await();
                while (!done.get()) {
                    picker.watch().watch();
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            List<Request> requests = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> Requests.pick(picker, peer, 8));
            assertTrue(picker.usingFallback());
            assertEquals(8, requests.size(), "the built-in strategy fills the pipeline in the same pick");
        } finally {
            done.set(true);
            watchdog.join(1_000);
        }
        picker.watch().watch();
        picker.watch().watch();
        assertFalse(picker.pieces().have(0), "after the call, the views work again: nothing is overdue");
    }

    @Test
    void aFailureOfTheEnginesOwnSinkIsNotBlamedOnTheStrategy() {
        PickerPeer peer = unchokedPeer(1, 0);
        picker.setStrategy(lowestFirst(), "lowest");
        var failure = new IllegalStateException("queue closed");
        assertSame(failure, assertThrows(IllegalStateException.class,
                () -> picker.pick(peer, 4, (piece, begin, length) -> {
                    throw failure;
                })));
        assertFalse(picker.usingFallback());
    }

    private void downloadRest(PickerPeer peer, java.util.Set<Request> seen) {
        for (int round = 0; round < 100 && !picker.complete(); round++) {
            for (Request request : Requests.pick(picker, peer, 5)) {
                assertTrue(seen.add(request), "requested twice: " + request);
                BlockArrival arrival = picker.received(peer, request.piece(), request.begin(), request.length(),
                        CancelSink.NONE);
                if (arrival.completesPiece()) {
                    picker.verified(request.piece());
                }
            }
            for (int i = 0; i < picker.pieces().partialCount(); i++) {
                int piece = picker.pieces().partial(i);
                if (allReceived(piece)) {
                    picker.verified(piece);
                }
            }
        }
    }

    private boolean allReceived(int piece) {
        for (int block = 0; block < picker.pieces().blockCount(piece); block++) {
            if (!picker.pieces().received(piece, block)) {
                return false;
            }
        }
        return true;
    }

    private static PieceStrategy lowestFirst() {
        return (torrent, peer, sink) -> {
            for (int piece = torrent.nextMissing(0); piece >= 0; piece = torrent.nextMissing(piece + 1)) {
                if (peer.has(piece) && !sink.piece(piece)) {
                    return;
                }
            }
        };
    }

    private static PieceStrategy highestFirst() {
        return (torrent, peer, sink) -> {
            for (int piece = torrent.pieceCount() - 1; piece >= 0; piece--) {
                if (!torrent.have(piece) && peer.has(piece) && !sink.piece(piece)) {
                    return;
                }
            }
        };
    }

    private PickerPeer unchokedPeer(long id, int... pieces) {
        PickerPeer peer = picker.join(id);
        picker.bitfield(peer, bits(pieces));
        picker.unchoked(peer);
        return peer;
    }
}
