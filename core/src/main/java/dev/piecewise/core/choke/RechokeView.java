package dev.piecewise.core.choke;

import dev.piecewise.core.plugin.CallWatch;
import dev.piecewise.spi.choking.ChokingView;
import dev.piecewise.spi.choking.PeerStats;

import java.util.Collections;
import java.util.List;

/** The one view a choker hands its policy, refilled for every rechoke rather than allocated. */
final class RechokeView implements ChokingView {

    private final List<PeerStats> peers;
    private final CallWatch watch;
    private long nowMillis;
    private boolean seeding;
    private int maxUnchoked;
    private long uploadCapacity;

    RechokeView(List<? extends PeerStats> entries, CallWatch watch) {
        this.watch = watch;
        this.peers = Collections.unmodifiableList(entries);
    }

    void set(long nowMillis, boolean seeding, int maxUnchoked, long uploadCapacity) {
        this.nowMillis = nowMillis;
        this.seeding = seeding;
        this.maxUnchoked = maxUnchoked;
        this.uploadCapacity = uploadCapacity;
    }

    @Override
    public long nowMillis() {
        watch.check();
        return nowMillis;
    }

    @Override
    public boolean seeding() {
        watch.check();
        return seeding;
    }

    @Override
    public int maxUnchoked() {
        watch.check();
        return maxUnchoked;
    }

    @Override
    public long uploadCapacity() {
        watch.check();
        return uploadCapacity;
    }

    @Override
    public List<PeerStats> peers() {
        watch.check();
        return peers;
    }
}
