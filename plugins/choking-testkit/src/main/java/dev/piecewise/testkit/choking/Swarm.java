package dev.piecewise.testkit.choking;

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

/**
 * A torrent's peers as a choking policy sees them, set up directly by a test. Plugins cannot use the core's choker in
 * their tests (it is not exported), so they drive their policies through the SPI with this. Fields are public so that
 * a test states a scene in a line; nothing here is checked, a test sets what it needs.
 */
public final class Swarm implements ChokingView {

    public final List<Peer> peers = new ArrayList<>();
    public long now;
    public boolean seeding;
    public int maxUnchoked = 8;

    /** Adds a peer connected now, not interested, sending and receiving nothing. */
    public Peer add(long id) {
        var peer = new Peer(id, now);
        peers.add(peer);
        return peer;
    }

    /** Puts a decision in force, as the core would (so {@link PeerStats#amChoking()} follows it). */
    public ChokingDecision apply(ChokingDecision decision) {
        peers.forEach(peer -> peer.unchoked = decision.isUnchoked(peer.id));
        return decision;
    }

    /** The context a provider creates a policy from: the options checked as the core checks them, seeded random. */
    public static ChokingContext context(List<OptionSpec> specs, Map<String, String> options, long seed) {
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
    public static final class Peer implements PeerStats {
        public final long id;
        public long connectedMillis;
        public double downloadRate;
        public double uploadRate;
        public long downloaded;
        public long uploaded;
        public boolean interested;
        public boolean unchoked;
        public boolean seed;
        public boolean snubbed;
        /** {@link Long#MAX_VALUE} (the default) means it chokes us or we want nothing from it. */
        public long waitingSinceMillis = Long.MAX_VALUE;

        Peer(long id, long connectedMillis) {
            this.id = id;
            this.connectedMillis = connectedMillis;
        }

        public Peer interestedInUs() {
            interested = true;
            return this;
        }

        public Peer down(double rate) {
            downloadRate = rate;
            return this;
        }

        public Peer up(double rate) {
            uploadRate = rate;
            return this;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public double downloadRate() {
            return downloadRate;
        }

        @Override
        public double uploadRate() {
            return uploadRate;
        }

        @Override
        public long downloaded() {
            return downloaded;
        }

        @Override
        public long uploaded() {
            return uploaded;
        }

        @Override
        public boolean interested() {
            return interested;
        }

        @Override
        public boolean amInterested() {
            return waitingSinceMillis != Long.MAX_VALUE;
        }

        @Override
        public boolean amChoking() {
            return !unchoked;
        }

        @Override
        public boolean chokingUs() {
            return waitingSinceMillis == Long.MAX_VALUE;
        }

        @Override
        public boolean seed() {
            return seed;
        }

        @Override
        public boolean snubbed() {
            return snubbed;
        }

        @Override
        public long waitingSinceMillis() {
            return waitingSinceMillis;
        }

        @Override
        public long connectedMillis() {
            return connectedMillis;
        }

        @Override
        public long lastBlockMillis() {
            return connectedMillis;
        }
    }
}
