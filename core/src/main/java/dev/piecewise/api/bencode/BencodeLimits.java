package dev.piecewise.api.bencode;

/**
 * Bounds on what a decode may build, so that hostile input costs bounded time and memory.
 *
 * @param maxDepth        how many lists and dictionaries may be open at once
 * @param maxTokens       how many values (strings, integers, lists, dictionaries, dictionary keys) in all
 * @param maxStringLength the longest byte string, in bytes
 * @param maxTotalSize    the longest encoded value, in bytes
 */
public record BencodeLimits(int maxDepth, int maxTokens, int maxStringLength, int maxTotalSize) {

    /**
     * Generous enough for any real torrent file (a 64 MiB file, 2 million values, e.g. 200,000 files) yet bounded: the
     * worst input allowed builds well under 200 MB of values. Tracker transports and peer messages should narrow it.
     */
    public static final BencodeLimits DEFAULT = new BencodeLimits(64, 2_000_000, 64 << 20, 64 << 20);

    /** The decoder keeps its own stack, so depth is bounded by memory only; this keeps it reasonable. */
    private static final int DEPTH_CEILING = 10_000;

    public BencodeLimits {
        if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be from 1 to " + DEPTH_CEILING + ": " + maxDepth);
        }
        if (maxTokens < 1 || maxStringLength < 0 || maxTotalSize < 1) {
            throw new IllegalArgumentException("bencode limits must be positive: " + maxTokens + ", "
                    + maxStringLength + ", " + maxTotalSize);
        }
    }

    public BencodeLimits withMaxDepth(int depth) {
        return new BencodeLimits(depth, maxTokens, maxStringLength, maxTotalSize);
    }

    public BencodeLimits withMaxTokens(int tokens) {
        return new BencodeLimits(maxDepth, tokens, maxStringLength, maxTotalSize);
    }

    public BencodeLimits withMaxStringLength(int length) {
        return new BencodeLimits(maxDepth, maxTokens, length, maxTotalSize);
    }

    public BencodeLimits withMaxTotalSize(int size) {
        return new BencodeLimits(maxDepth, maxTokens, maxStringLength, size);
    }
}
