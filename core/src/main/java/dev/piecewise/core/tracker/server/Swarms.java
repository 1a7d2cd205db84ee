package dev.piecewise.core.tracker.server;

import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.ScrapeResponse;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded tracker's torrents and their peers, shared by its HTTP and UDP endpoints. A peer is known by its peer
 * id; a new peer id at the address and port of a known peer replaces it (a client restarted). A peer is never handed
 * itself, by id or by address. Peers that stop announcing are forgotten after the peer timeout.
 */
final class Swarms {

    private static final class Peer {
        final byte[] peerId;
        InetSocketAddress address;
        long left;
        Instant lastSeen;

        Peer(byte[] peerId) {
            this.peerId = peerId;
        }
    }

    private static final class Swarm {
        /** By peer id in hex. */
        final Map<String, Peer> peers = new LinkedHashMap<>();
        int completed;

        int seeders() {
            return (int) peers.values().stream().filter(p -> p.left == 0).count();
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<InfoHash, Swarm> swarms = new HashMap<>();
    private final Clock clock;
    private final Random random;
    private final Duration peerTimeout;

    Swarms(Clock clock, Random random, Duration peerTimeout) {
        this.clock = clock;
        this.random = random;
        this.peerTimeout = peerTimeout;
    }

    SwarmAnswer announce(PeerAnnounce announce) {
        lock.lock();
        try {
            Instant now = clock.instant();
            Swarm swarm = swarms.computeIfAbsent(announce.torrent(), t -> new Swarm());
            expire(swarm, now);
            String id = key(announce.peerId());
            swarm.peers.values().removeIf(p -> p.address.equals(announce.address()) && !key(p.peerId).equals(id));
            if (announce.event() == AnnounceEvent.STOPPED) {
                swarm.peers.remove(id);
            } else {
                Peer peer = swarm.peers.computeIfAbsent(id, k -> new Peer(announce.peerId().clone()));
                if (announce.event() == AnnounceEvent.COMPLETED && peer.left != 0) {
                    swarm.completed++;
                }
                peer.address = announce.address();
                peer.left = announce.left();
                peer.lastSeen = now;
            }
            var others = new ArrayList<SwarmAnswer.Peer>();
            for (var entry : swarm.peers.entrySet()) {
                if (!entry.getKey().equals(id) && !entry.getValue().address.equals(announce.address())) {
                    others.add(new SwarmAnswer.Peer(entry.getValue().address, entry.getValue().peerId.clone()));
                }
            }
            if (others.size() > announce.numWant()) {
                Collections.shuffle(others, random);
                others.subList(announce.numWant(), others.size()).clear();
            }
            int seeders = swarm.seeders();
            var answer = new SwarmAnswer(others, seeders, swarm.peers.size() - seeders);
            if (swarm.peers.isEmpty() && swarm.completed == 0) {
                swarms.remove(announce.torrent());
            }
            return answer;
        } finally {
            lock.unlock();
        }
    }

    /** Counts for the given torrents (those it does not know are left out); all torrents when none are given. */
    Map<InfoHash, ScrapeResponse.Counts> scrape(List<InfoHash> torrents) {
        lock.lock();
        try {
            Instant now = clock.instant();
            var counts = new HashMap<InfoHash, ScrapeResponse.Counts>();
            for (InfoHash torrent : torrents.isEmpty() ? List.copyOf(swarms.keySet()) : torrents) {
                Swarm swarm = swarms.get(torrent);
                if (swarm != null) {
                    expire(swarm, now);
                    int seeders = swarm.seeders();
                    counts.put(torrent, new ScrapeResponse.Counts(seeders, swarm.completed,
                            swarm.peers.size() - seeders));
                }
            }
            return counts;
        } finally {
            lock.unlock();
        }
    }

    private void expire(Swarm swarm, Instant now) {
        swarm.peers.values().removeIf(p -> p.lastSeen.plus(peerTimeout).isBefore(now));
    }

    private static String key(byte[] peerId) {
        return HexFormat.of().formatHex(peerId);
    }
}
