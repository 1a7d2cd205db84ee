package dev.piecewise.core.choke;

import java.util.List;

/**
 * What a rechoke changed: the peers to send {@code choke} and those to send {@code unchoke}, in connection order. Peers
 * whose state stays the same are in neither list.
 */
public record ChokeChanges<P>(List<P> choke, List<P> unchoke) {

    private static final ChokeChanges<?> NONE = new ChokeChanges<>(List.of(), List.of());

    public ChokeChanges {
        choke = List.copyOf(choke);
        unchoke = List.copyOf(unchoke);
    }

    /** No change (shared, so that ticks without a rechoke allocate nothing). */
    @SuppressWarnings("unchecked")
    public static <P> ChokeChanges<P> none() {
        return (ChokeChanges<P>) NONE;
    }

    public boolean isEmpty() {
        return choke.isEmpty() && unchoke.isEmpty();
    }
}
