package dev.piecewise.core.choke;

/**
 * When a choker last observed its peers, shared by its {@link PeerEntry}s: each tick and rechoke starts a new
 * generation, and an entry's figures read on demand are current while their generation is.
 */
final class Snapshot {

    long nowMillis;
    int generation;

    /** Starts the snapshot of a tick or rechoke at {@code nowMillis}. */
    void at(long nowMillis) {
        this.nowMillis = nowMillis;
        generation++;
    }
}
