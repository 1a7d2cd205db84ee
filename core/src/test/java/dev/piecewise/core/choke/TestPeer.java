package dev.piecewise.core.choke;

import dev.piecewise.core.stats.RateMeter;

/** A connection as the choker sees it, with state a test sets directly and real rate meters. */
final class TestPeer implements ChokePeer {

    final String name;
    final RateMeter down;
    final RateMeter up;
    boolean interested;
    boolean amInterested;
    boolean choking = true;
    boolean seed;

    TestPeer(String name, long startMillis) {
        this.name = name;
        this.down = new RateMeter(startMillis);
        this.up = new RateMeter(startMillis);
    }

    @Override
    public RateMeter downloadMeter() {
        return down;
    }

    @Override
    public RateMeter uploadMeter() {
        return up;
    }

    @Override
    public boolean peerInterested() {
        return interested;
    }

    @Override
    public boolean amInterested() {
        return amInterested;
    }

    @Override
    public boolean peerChoking() {
        return choking;
    }

    @Override
    public boolean peerIsSeed() {
        return seed;
    }

    @Override
    public String toString() {
        return name;
    }
}
