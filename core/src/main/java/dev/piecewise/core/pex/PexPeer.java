package dev.piecewise.core.pex;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A peer in a PEX message (BEP 11): where it accepts connections, and what the sender knows of it.
 *
 * @param address its listen address, resolved
 * @param flags   the BEP 11 bits: {@link #PREFERS_ENCRYPTION}, {@link #SEED}, {@link #UTP}, {@link #HOLEPUNCH},
 *                {@link #REACHABLE}
 */
public record PexPeer(InetSocketAddress address, int flags) {

    /** It prefers encrypted connections. */
    public static final int PREFERS_ENCRYPTION = 0x01;
    /** It is a seed, or uploads only. */
    public static final int SEED = 0x02;
    /** It speaks uTP. */
    public static final int UTP = 0x04;
    /** It supports the ut_holepunch extension. */
    public static final int HOLEPUNCH = 0x08;
    /** The sender connected to it: it accepts incoming connections. */
    public static final int REACHABLE = 0x10;

    public PexPeer {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("a PEX peer's address must be resolved: " + address);
        }
        if (flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("PEX flags are one byte: " + flags);
        }
    }

    public boolean seed() {
        return (flags & SEED) != 0;
    }

    public boolean reachable() {
        return (flags & REACHABLE) != 0;
    }
}
