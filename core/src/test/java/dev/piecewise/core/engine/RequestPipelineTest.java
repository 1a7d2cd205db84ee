package dev.piecewise.core.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestPipelineTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aNewPeerGetsADeepPipelineAndAFastOneDeeperUpToItsQueue() {
        assertEquals(RequestPipeline.INITIAL_DEPTH, RequestPipeline.depth(0, 0));
        assertEquals(20, RequestPipeline.depth(0, 20), "never deeper than the peer's reqq");
        assertEquals(RequestPipeline.MIN_DEPTH, RequestPipeline.depth(1000, 0), "a slow peer keeps a minimum");
        // 10 MiB/s for one second of requests = 640 blocks: capped by reqq (250 assumed when not advertised)
        assertEquals(RequestPipeline.DEFAULT_PEER_QUEUE, RequestPipeline.depth(10 << 20, 0));
        assertEquals(RequestPipeline.MAX_DEPTH, RequestPipeline.depth(100 << 20, 2000));
        assertEquals(64, RequestPipeline.depth(1 << 20, 2000), "1 MiB/s: 64 blocks of 16 KiB cover a second");
    }

    @Test
    void blocksArrivingInAnyOrderLeaveThePipelineInOrder() {
        var pipeline = new RequestPipeline();
        for (int i = 0; i < 5; i++) {
            pipeline.sent(i, 0, 0);
        }
        assertTrue(pipeline.arrived(2, 0, 1));
        assertTrue(pipeline.arrived(0, 0, 1));
        assertFalse(pipeline.arrived(9, 0, 1), "never asked for");
        assertEquals(3, pipeline.outstanding());
        List<Integer> released = new ArrayList<>();
        pipeline.releaseIfStalled(100 * SECOND, SECOND, (piece, begin) -> released.add(piece));
        assertEquals(List.of(1, 3, 4), released);
    }

    @Test
    void aStalledPeerHasEveryRequestTakenBackAndLateBlocksAreStillWelcome() {
        var pipeline = new RequestPipeline();
        pipeline.sent(1, 0, 0);
        pipeline.sent(1, 16384, 0);
        var released = new ArrayList<Long>();
        assertEquals(0, pipeline.releaseIfStalled(SECOND, 2 * SECOND, (p, b) -> released.add(RequestPipeline.key(p, b))));
        pipeline.arrived(1, 0, 3 * SECOND / 2);
        assertEquals(0, pipeline.releaseIfStalled(3 * SECOND, 2 * SECOND, (p, b) -> released.add(0L)),
                "a block arrived 1.5 s ago: not stalled yet");
        assertEquals(1, pipeline.releaseIfStalled(4 * SECOND, 2 * SECOND,
                (p, b) -> released.add(RequestPipeline.key(p, b))));
        assertEquals(List.of(RequestPipeline.key(1, 16384)), released);
        assertEquals(0, pipeline.outstanding());
        assertTrue(pipeline.arrived(1, 16384, 5 * SECOND), "a late block we gave up on is not unasked for");
        assertFalse(pipeline.arrived(1, 16384, 5 * SECOND), "but only once");
    }

    @Test
    void cancelledAndDiscardedRequestsMayStillArriveRejectedOnesMayNot() {
        var pipeline = new RequestPipeline();
        pipeline.sent(0, 0, 0);
        pipeline.sent(0, 16384, 0);
        pipeline.sent(0, 32768, 0);
        pipeline.cancelled(0, 0);
        assertTrue(pipeline.rejected(0, 16384));
        assertFalse(pipeline.rejected(0, 16384));
        pipeline.abandonAll();
        assertEquals(0, pipeline.outstanding());
        assertTrue(pipeline.arrived(0, 0, 1));
        assertTrue(pipeline.arrived(0, 32768, 1));
        assertFalse(pipeline.arrived(0, 16384, 1));
    }

    @Test
    void theRingWrapsAroundAtFullDepth() {
        var pipeline = new RequestPipeline();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < RequestPipeline.MAX_DEPTH; i++) {
                pipeline.sent(i, round, 0);
            }
            for (int i = RequestPipeline.MAX_DEPTH - 1; i >= 0; i -= 2) {
                assertTrue(pipeline.arrived(i, round, 1));
            }
            for (int i = 0; i < RequestPipeline.MAX_DEPTH; i += 2) {
                assertTrue(pipeline.arrived(i, round, 1));
            }
            assertEquals(0, pipeline.outstanding());
        }
    }
}
