package dev.piecewise.core.picker;

/**
 * What the picker has counted for one torrent since it was created.
 *
 * @param duplicateBytes    bytes of blocks that arrived when we already had them (end-game copies, late arrivals)
 * @param unrequestedBlocks blocks that arrived from a peer we had no request outstanding at
 * @param cancels           requests taken back because the block arrived from another peer (cancels to send)
 * @param requestTimeouts   requests the engine reported as timed out
 * @param rejects           requests the peer rejected, or dropped by choking us
 * @param hashFailures      pieces that failed verification
 * @param wastedBytes       bytes of pieces that failed verification
 * @param minAvailability   the lowest availability of a piece we still need, now (0 when none is on any peer, or
 *                          when nothing is needed)
 */
public record PickerMetrics(long duplicateBytes, long unrequestedBlocks, long cancels, long requestTimeouts,
                            long rejects, long hashFailures, long wastedBytes, int minAvailability) {
}
