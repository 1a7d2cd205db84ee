package dev.piecewise.core.pex;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one connected peer has heard from us through PEX (BEP 11), and when: each message carries the peers we
 * connected to and lost since the one before, at most {@link PexMessage#MAX_SENT} of each (the rest follow in the next
 * messages), at most one a {@link #INTERVAL_MILLIS minute}, and none when nothing changed (some clients take an empty
 * message for a broken one). It also paces the messages the peer sends us.
 *
 * <p>Not thread-safe: used under the torrent's lock. Time is passed in.
 */
public final class PexState {

    /** The least time between two messages we send to a peer. */
    public static final long INTERVAL_MILLIS = 60_000;
    /**
     * The least time between two of the peer's messages we read; earlier ones are ignored. Below the minute BEP 11
     * asks for, so a peer whose timer runs a little fast loses nothing.
     */
    public static final long MIN_RECEIVE_INTERVAL_MILLIS = 45_000;

    private final InetSocketAddress recipient;
    /** The peers the recipient was told of, and not told were dropped since, in the order they were told. */
    private final Map<InetSocketAddress, PexPeer> told = new LinkedHashMap<>();
    private long lastSentMillis;
    private boolean sentAny;
    private long lastReceivedMillis;
    private boolean receivedAny;

    /** @param recipient the peer's listen address when known (it is never told of itself), else {@code null} */
    public PexState(InetSocketAddress recipient) {
        this.recipient = recipient;
    }

    /**
     * The message to send now, if one is due: the changes between what the peer was told and {@code connected}, our
     * peers now (their listen addresses). Once it is returned, it counts as sent.
     */
    public Optional<PexMessage> next(Collection<PexPeer> connected, long nowMillis) {
        if (sentAny && nowMillis - lastSentMillis < INTERVAL_MILLIS) {
            return Optional.empty();
        }
        Set<InetSocketAddress> current = new LinkedHashSet<>();
        List<PexPeer> added = new ArrayList<>();
        for (PexPeer peer : connected) {
            if (peer.address().equals(recipient) || !current.add(peer.address())) {
                continue;
            }
            if (!told.containsKey(peer.address()) && added.size() < PexMessage.MAX_SENT) {
                added.add(peer);
            }
        }
        List<InetSocketAddress> dropped = new ArrayList<>();
        for (InetSocketAddress address : told.keySet()) {
            if (!current.contains(address) && dropped.size() < PexMessage.MAX_SENT) {
                dropped.add(address);
            }
        }
        if (added.isEmpty() && dropped.isEmpty()) {
            return Optional.empty();
        }
        dropped.forEach(told::remove);
        added.forEach(peer -> told.put(peer.address(), peer));
        sentAny = true;
        lastSentMillis = nowMillis;
        return Optional.of(new PexMessage(added, dropped));
    }

    /** Whether a message the peer sent now is read, or ignored because it comes too soon after the last one read. */
    public boolean accept(long nowMillis) {
        if (receivedAny && nowMillis - lastReceivedMillis < MIN_RECEIVE_INTERVAL_MILLIS) {
            return false;
        }
        receivedAny = true;
        lastReceivedMillis = nowMillis;
        return true;
    }
}
