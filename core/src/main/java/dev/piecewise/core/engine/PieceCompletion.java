package dev.piecewise.core.engine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows the pieces being written: a piece is hashed only once its last block is received and every write to it
 * has finished, and the peers that sent its blocks are remembered, so that a piece that fails the hash check counts
 * against them. A peer gets two strikes for a failed piece it sent alone (it is certainly guilty) and one for a
 * piece it shared (it may be innocent); at {@link #BAN_STRIKES} it is banned.
 *
 * <p>Not thread-safe: used under the torrent's lock.
 */
final class PieceCompletion {

    static final int BAN_STRIKES = 4;

    private static final class Progress {
        int writing;
        boolean received;
        /** A write of one of its blocks failed (disk full): its data cannot be right. */
        boolean damaged;
        final Set<InetSocketAddress> contributors = new HashSet<>(4);
    }

    private final Map<Integer, Progress> pieces = new HashMap<>();
    private final Map<InetSocketAddress, Integer> strikes = new HashMap<>();

    /** A useful block of {@code piece} is about to be written; {@code last} when it was the piece's last block. */
    void writing(int piece, InetSocketAddress contributor, boolean last) {
        Progress progress = pieces.computeIfAbsent(piece, p -> new Progress());
        progress.writing++;
        progress.received |= last;
        progress.contributors.add(contributor);
    }

    /** What to do with a piece once a write of it finished. */
    enum Next { WAIT, VERIFY, DISCARD }

    /**
     * A write finished (or failed): the piece waits for more, is ready to be hashed, or, once all its blocks are in
     * and one of its writes failed, is to be discarded without blaming anyone.
     */
    Next written(int piece, boolean succeeded) {
        Progress progress = pieces.get(piece);
        if (progress == null) {
            throw new IllegalStateException("no write of piece " + piece + " was in progress");
        }
        progress.writing--;
        progress.damaged |= !succeeded;
        if (progress.writing > 0 || !progress.received) {
            return Next.WAIT;
        }
        if (progress.damaged) {
            pieces.remove(piece);
            return Next.DISCARD;
        }
        return Next.VERIFY;
    }

    /** The piece passed its hash check. */
    void verified(int piece) {
        pieces.remove(piece);
    }

    /**
     * The piece failed its hash check; its contributors get strikes.
     *
     * @return the contributors that have now earned a ban
     */
    List<InetSocketAddress> failed(int piece) {
        Progress progress = pieces.remove(piece);
        if (progress == null) {
            return List.of();
        }
        int weight = progress.contributors.size() == 1 ? 2 : 1;
        var banned = new ArrayList<InetSocketAddress>();
        for (InetSocketAddress contributor : progress.contributors) {
            if (strikes.merge(contributor, weight, Integer::sum) >= BAN_STRIKES) {
                banned.add(contributor);
                strikes.remove(contributor);
            }
        }
        return banned;
    }

    /** Forgets what was in progress (the torrent stopped; its partial pieces start again later). */
    void clear() {
        pieces.clear();
    }
}
