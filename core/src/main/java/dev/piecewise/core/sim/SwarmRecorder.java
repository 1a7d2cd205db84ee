package dev.piecewise.core.sim;

import dev.piecewise.core.swarm.AvailabilitySample;
import dev.piecewise.core.swarm.PeerOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Keeps the swarm-wide figures of a run: verified copies of each piece among the leechers present, when every piece
 * had first left the seeds and how much the seeds had uploaded by then, and availability samples over time.
 */
final class SwarmRecorder {

    private final int[] copies;
    private final boolean[] out;
    private int outCount;
    private long allOutMillis = PeerOutcome.NEVER;
    private long seedBytesUntilAllOut = PeerOutcome.NEVER;
    private int leechersPresent;
    private int completed;
    private final List<AvailabilitySample> samples = new ArrayList<>();

    SwarmRecorder(int pieceCount) {
        copies = new int[pieceCount];
        out = new boolean[pieceCount];
    }

    void arrived(SimPeer peer) {
        if (!peer.initialSeed) {
            leechersPresent++;
        }
    }

    /**
     * A leecher verified a piece.
     *
     * @param seedBytes what the initial seeds have uploaded so far (asked only when this was the last piece out)
     */
    void verified(SimPeer peer, int piece, long millis, LongSupplier seedBytes) {
        if (peer.initialSeed) {
            return;
        }
        copies[piece]++;
        if (!out[piece]) {
            out[piece] = true;
            if (++outCount == out.length) {
                allOutMillis = millis;
                seedBytesUntilAllOut = seedBytes.getAsLong();
            }
        }
    }

    void completed() {
        completed++;
    }

    void departed(SimPeer peer) {
        if (peer.initialSeed) {
            return;
        }
        leechersPresent--;
        for (int piece = peer.have.nextSetBit(0); piece >= 0; piece = peer.have.nextSetBit(piece + 1)) {
            copies[piece]--;
        }
    }

    void sample(long millis) {
        int min = Integer.MAX_VALUE;
        long sum = 0;
        for (int count : copies) {
            min = Math.min(min, count);
            sum += count;
        }
        samples.add(new AvailabilitySample(millis, min, (double) sum / copies.length, leechersPresent, completed));
    }

    /** Whether some piece is on no leecher present. */
    boolean pieceMissingAmongLeechers() {
        for (int count : copies) {
            if (count == 0) {
                return true;
            }
        }
        return false;
    }

    int completedCount() {
        return completed;
    }

    long allOutMillis() {
        return allOutMillis;
    }

    long seedBytesUntilAllOut() {
        return seedBytesUntilAllOut;
    }

    List<AvailabilitySample> samples() {
        return samples;
    }
}
