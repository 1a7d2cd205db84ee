package dev.piecewise.spi.choking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The peers a policy unchokes: each in a regular or an optimistic slot, with an optional share of the upload
 * bandwidth. Shares matter when upload is limited (the core and the simulator divide the capacity among unchoked peers
 * in proportion to their shares; without shares, equally).
 */
public final class ChokingDecision {

    /** How a peer holds its slot. */
    public enum Slot { REGULAR, OPTIMISTIC }

    /** One unchoked peer. {@code share} is a positive weight, 1 when the policy does not weigh peers. */
    public record Unchoke(long peer, Slot slot, double share) {
        public Unchoke {
            if (!(share > 0) || Double.isInfinite(share)) {
                throw new IllegalArgumentException("share must be a positive number: " + share);
            }
        }
    }

    private final Map<Long, Unchoke> unchoked = new LinkedHashMap<>();

    /** Unchokes {@code peer} in a regular slot. */
    public ChokingDecision unchoke(long peer) {
        return unchoke(peer, Slot.REGULAR, 1);
    }

    /** Unchokes {@code peer} in an optimistic slot. */
    public ChokingDecision optimistic(long peer) {
        return unchoke(peer, Slot.OPTIMISTIC, 1);
    }

    /** Unchokes {@code peer} with a weighted share of the upload. A later call for the same peer replaces it. */
    public ChokingDecision unchoke(long peer, Slot slot, double share) {
        unchoked.put(peer, new Unchoke(peer, slot, share));
        return this;
    }

    /** The unchoked peers in the order they were added. */
    public Map<Long, Unchoke> unchoked() {
        return Collections.unmodifiableMap(unchoked);
    }

    public boolean isUnchoked(long peer) {
        return unchoked.containsKey(peer);
    }

    @Override
    public String toString() {
        return unchoked.values().toString();
    }
}
