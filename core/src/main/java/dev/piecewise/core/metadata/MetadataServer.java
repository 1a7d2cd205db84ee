package dev.piecewise.core.metadata;

import java.util.Arrays;

/**
 * Answers BEP 9 requests for our torrent's metadata, so that peers that came by magnet link can fetch it from us. The
 * metadata is the info dictionary exactly as in the torrent (its SHA-1 is the info-hash). Each peer gets a budget of
 * pieces, a few times the whole metadata: enough for any honest peer to fetch it again after a failure, not enough to
 * make us a free upload of megabytes in a loop. Immutable apart from the budgets, which belong to each connection.
 */
public final class MetadataServer {

    /** How many times over a peer may fetch the whole metadata. */
    static final int FETCHES_PER_PEER = 3;

    private final byte[] metadata;

    /** @param metadata the info dictionary's bytes, at most {@link MetadataMessage#MAX_SIZE} */
    public MetadataServer(byte[] metadata) {
        if (metadata.length == 0 || metadata.length > MetadataMessage.MAX_SIZE) {
            throw new IllegalArgumentException("metadata of " + metadata.length + " bytes cannot be served");
        }
        this.metadata = metadata.clone();
    }

    /** The size we announce as {@code metadata_size} in our extension handshake. */
    public int size() {
        return metadata.length;
    }

    /** A fresh budget for one peer's connection. */
    public Budget budget() {
        return new Budget(FETCHES_PER_PEER * MetadataMessage.pieceCount(metadata.length));
    }

    /**
     * The answer to a request: the piece, or a reject when it does not exist or the peer's budget is spent.
     */
    public MetadataMessage answer(MetadataMessage.Request request, Budget budget) {
        int piece = request.piece();
        if (piece >= MetadataMessage.pieceCount(metadata.length) || !budget.take()) {
            return new MetadataMessage.Reject(piece);
        }
        int from = piece * MetadataMessage.PIECE_SIZE;
        return new MetadataMessage.Data(piece, metadata.length, Arrays.copyOfRange(metadata, from,
                from + MetadataMessage.pieceLength(metadata.length, piece)));
    }

    /** The pieces one peer may still fetch. Not thread-safe: used under the torrent's lock. */
    public static final class Budget {
        private int left;

        private Budget(int pieces) {
            this.left = pieces;
        }

        private boolean take() {
            if (left == 0) {
                return false;
            }
            left--;
            return true;
        }
    }
}
