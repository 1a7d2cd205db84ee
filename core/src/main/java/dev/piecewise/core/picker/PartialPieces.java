package dev.piecewise.core.picker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.List;

/**
 * The started pieces, oldest first, and among them the "open" ones that still have free blocks. During a pick the
 * open list does not shrink (pieces that become fully requested are dropped from it when the pick ends), so a
 * strategy can walk it by index while it offers.
 */
final class PartialPieces {

    private static final Comparator<PartialPiece> BY_AGE = Comparator.comparingLong(p -> p.sequence);

    private final PartialPiece[] byPiece;
    private final List<PartialPiece> started = new ArrayList<>();
    private final List<PartialPiece> open = new ArrayList<>();
    private long nextSequence;
    private boolean picking;
    /** Whether a piece became fully requested during the current pick. */
    private boolean openShrank;

    PartialPieces(int pieceCount) {
        byPiece = new PartialPiece[pieceCount];
    }

    /** The started piece {@code piece}, or {@code null} when it is not started. */
    PartialPiece get(int piece) {
        return byPiece[piece];
    }

    PartialPiece start(int piece, int blocks) {
        var partial = new PartialPiece(piece, blocks, nextSequence++);
        byPiece[piece] = partial;
        started.add(partial);
        open.add(partial);
        partial.listedOpen = true;
        return partial;
    }

    void remove(PartialPiece partial) {
        byPiece[partial.piece] = null;
        removeFrom(started, partial);
        if (partial.listedOpen) {
            removeFrom(open, partial);
            partial.listedOpen = false;
        }
    }

    /** Lists or unlists {@code partial} as open after its free blocks changed. */
    void update(PartialPiece partial) {
        boolean hasFree = partial.freeCount() > 0;
        if (hasFree && !partial.listedOpen) {
            open.add(-Collections.binarySearch(open, partial, BY_AGE) - 1, partial);
            partial.listedOpen = true;
        } else if (!hasFree && partial.listedOpen) {
            if (picking) {
                openShrank = true;
            } else {
                removeFrom(open, partial);
                partial.listedOpen = false;
            }
        }
    }

    /** From now until {@link #endPick()}, the open list only grows. */
    void beginPick() {
        picking = true;
    }

    /** Drops the pieces that the pick fully requested from the open list. */
    void endPick() {
        picking = false;
        if (!openShrank) {
            return;
        }
        openShrank = false;
        open.removeIf(partial -> {
            boolean full = partial.freeCount() == 0;
            if (full) {
                partial.listedOpen = false;
            }
            return full;
        });
    }

    /** Removes {@code partial} from a list ordered by age; the newest (a piece given up at once) goes fastest. */
    private static void removeFrom(List<PartialPiece> list, PartialPiece partial) {
        int last = list.size() - 1;
        list.remove(list.get(last) == partial ? last : Collections.binarySearch(list, partial, BY_AGE));
    }

    int startedCount() {
        return started.size();
    }

    PartialPiece started(int i) {
        return started.get(i);
    }

    int openCount() {
        return open.size();
    }

    PartialPiece open(int i) {
        return open.get(i);
    }
}
