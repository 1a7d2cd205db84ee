package dev.piecewise.core.lab;

import dev.piecewise.api.PeerSnapshot;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who sent how many block bytes to whom in a lab run, read from the engines' peer lists. A connection is named by the
 * side that dialled it: only that side sees the other's listen port (the listener sees an ephemeral one), so each
 * connection is counted once, both directions from the dialler's figures. A connection that closes and opens again
 * restarts its counters; the bytes seen before are kept. Bytes sent between the last look and a departure are missed
 * (the lab looks at every poll, and so once more just before a peer leaves). Used by the lab's one driving thread.
 */
final class LabFlows {

    /** Both directions of the connections from one dialler to one listener, over the run. */
    private static final class Link {
        final int dialler;
        final int listener;
        long toDiallerBefore;
        long toListenerBefore;
        long toDialler;
        long toListener;

        Link(int dialler, int listener) {
            this.dialler = dialler;
            this.listener = listener;
        }

        void update(long receivedByDialler, long sentByDialler) {
            if (receivedByDialler < toDialler || sentByDialler < toListener) {
                toDiallerBefore += toDialler; // a new connection: its counters started again
                toListenerBefore += toListener;
            }
            toDialler = receivedByDialler;
            toListener = sentByDialler;
        }
    }

    private final Map<Integer, Integer> byListenPort = new HashMap<>();
    private final Set<Integer> seeds = new HashSet<>();
    private final Map<Long, Link> links = new HashMap<>();

    /** Peer {@code number} listens on {@code port}; {@code seed} for an initial seed. */
    void joined(int number, int port, boolean seed) {
        byListenPort.put(port, number);
        if (seed) {
            seeds.add(number);
        }
    }

    /** Reads peer {@code number}'s connections (while it is present). */
    void look(int number, List<PeerSnapshot> connections) {
        for (PeerSnapshot connection : connections) {
            Integer remote = connection.incoming() ? null : byListenPort.get(connection.address().getPort());
            if (remote != null && remote != number) {
                links.computeIfAbsent((long) number << 32 | remote, key -> new Link(number, remote))
                        .update(connection.downloaded(), connection.uploaded());
            }
        }
    }

    /** Block bytes peer {@code receiver} got from peers that are not initial seeds. */
    long fromLeechers(int receiver) {
        long bytes = 0;
        for (Link link : links.values()) {
            if (link.dialler == receiver && !seeds.contains(link.listener)) {
                bytes += link.toDiallerBefore + link.toDialler;
            } else if (link.listener == receiver && !seeds.contains(link.dialler)) {
                bytes += link.toListenerBefore + link.toListener;
            }
        }
        return bytes;
    }
}
