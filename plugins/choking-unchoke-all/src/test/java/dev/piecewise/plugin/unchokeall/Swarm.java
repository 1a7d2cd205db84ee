package dev.piecewise.plugin.unchokeall;

import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.Options;
import dev.piecewise.spi.choking.ChokingContext;
import dev.piecewise.spi.choking.ChokingDecision;
import dev.piecewise.spi.choking.ChokingView;
import dev.piecewise.spi.choking.PeerStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

/** A torrent's peers as a choking policy sees them, set up directly by a test (plugins cannot use the core's). */
final class Swarm implements ChokingView {

    final List<Peer> peers = new ArrayList<>();
    long now;
    boolean seeding;
    int maxUnchoked = 8;

    Peer add(long id) {
        var peer = new Peer(id, now);
        peers.add(peer);
        return peer;
    }

    /** Puts a decision in force, as the core would. */
    ChokingDecision apply(ChokingDecision decision) {
        peers.forEach(peer -> peer.unchoked = decision.isUnchoked(peer.id));
        return decision;
    }

    static ChokingContext context(List<OptionSpec> specs, Map<String, String> options, long seed) {
        Options checked = Options.of(specs, options);
        RandomGenerator random = new Random(seed);
        return new ChokingContext() {
            @Override
            public Options options() {
                return checked;
            }

            @Override
            public RandomGenerator random() {
                return random;
            }
        };
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public boolean seeding() {
        return seeding;
    }

    @Override
    public int maxUnchoked() {
        return maxUnchoked;
    }

    @Override
    public long uploadCapacity() {
        return 0;
    }

    @Override
    public List<PeerStats> peers() {
        return List.copyOf(peers);
    }

    /** One peer; the setters return it so a test can describe it in one line. */
    static final class Peer implements PeerStats {
        final long id;
        long connectedMillis;
        double downloadRate;
        double uploadRate;
        long downloaded;
        long uploaded;
        boolean interested;
        boolean unchoked;
        boolean seed;
        boolean snubbed;
        long waitingSinceMillis = Long.MAX_VALUE;

        Peer(long id, long connectedMillis) {
            this.id = id;
            this.connectedMillis = connectedMillis;
        }

        Peer interestedInUs() {
            interested = true;
            return this;
        }

        Peer down(double rate) {
            downloadRate = rate;
            return this;
        }

        Peer up(double rate) {
            uploadRate = rate;
            return this;
        }

        @Override public long id() { return id; }
        @Override public double downloadRate() { return downloadRate; }
        @Override public double uploadRate() { return uploadRate; }
        @Override public long downloaded() { return downloaded; }
        @Override public long uploaded() { return uploaded; }
        @Override public boolean interested() { return interested; }
        @Override public boolean amInterested() { return waitingSinceMillis != Long.MAX_VALUE; }
        @Override public boolean amChoking() { return !unchoked; }
        @Override public boolean chokingUs() { return waitingSinceMillis == Long.MAX_VALUE; }
        @Override public boolean seed() { return seed; }
        @Override public boolean snubbed() { return snubbed; }
        @Override public long waitingSinceMillis() { return waitingSinceMillis; }
        @Override public long connectedMillis() { return connectedMillis; }
        @Override public long lastBlockMillis() { return connectedMillis; }
    }
}
