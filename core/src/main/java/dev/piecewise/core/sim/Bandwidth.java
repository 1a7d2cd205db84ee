package dev.piecewise.core.sim;

import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.spi.strategy.PieceView;

/**
 * How concurrent block transfers share the peers' links, and when each block finishes.
 *
 * <p>A transfer from U to D runs at {@code min(up(U) * w / W, down(D) / n)}: U's upload capacity divided among the
 * transfers U is sending, in proportion to their weights {@code w} (the choking decision's shares, 1 unless the policy
 * weighs peers; {@code W} their sum), capped by D's download capacity divided equally among the {@code n} transfers D is
 * receiving. This is the access-link model: the bottlenecks are the peers' own uplinks and downlinks, each shared the
 * way TCP shares a bottleneck among its flows. A rate changes only when a transfer starts or stops at one of its two
 * ends (or the uploader's shares change), so each change costs a handful of reschedules.
 */
final class Bandwidth {

    private static final double MICROS_PER_SECOND = 1e6;

    private final EventQueue events;
    private final PieceGeometry geometry;

    Bandwidth(EventQueue events, PieceGeometry geometry) {
        this.events = events;
        this.geometry = geometry;
    }

    /** Starts sending the next queued block over an idle link. */
    void start(SimLink link, long now) {
        link.inFlight = link.queue.poll();
        link.remainingBytes = length(link.inFlight);
        link.lastUpdateMicros = now;
        link.rate = 0;
        link.active = true;
        link.owner.serving.add(link);
        link.remote.receiving.add(link);
        reshare(link.owner, link.remote, now);
    }

    /** After a block arrived: sends the next queued one at the same rate, or stops the transfer. */
    void next(SimLink link, long now) {
        if (link.queue.isEmpty()) {
            stop(link, now);
            return;
        }
        link.inFlight = link.queue.poll();
        link.remainingBytes = length(link.inFlight);
        link.lastUpdateMicros = now;
        schedule(link, now);
    }

    /** Stops the transfer over a link; a block in flight is lost. */
    void stop(SimLink link, long now) {
        link.queue.clear();
        if (!link.active) {
            return;
        }
        link.active = false;
        link.inFlight = -1;
        events.cancelTransfer(link);
        link.rate = 0;
        link.owner.serving.remove(link);
        link.remote.receiving.remove(link);
        reshare(link.owner, link.remote, now);
    }

    /** The uploader's shares may have changed (after a rechoke): its transfers' rates follow. */
    void reweigh(SimPeer uploader, long now) {
        // a lone transfer has the whole upload whatever its weight
        if (uploader.serving.size() > 1) {
            reshare(uploader, null, now);
        }
    }

    private void reshare(SimPeer uploader, SimPeer downloader, long now) {
        double total = 0;
        for (SimLink link : uploader.serving) {
            link.weight = weight(link);
            total += link.weight;
        }
        uploader.servingWeight = total;
        for (SimLink link : uploader.serving) {
            update(link, now);
        }
        if (downloader != null) {
            for (SimLink link : downloader.receiving) {
                update(link, now);
            }
        }
    }

    private void update(SimLink link, long now) {
        link.remainingBytes = Math.max(0, link.remainingBytes
                - link.rate * (now - link.lastUpdateMicros) / MICROS_PER_SECOND);
        link.lastUpdateMicros = now;
        double rate = rate(link);
        if (rate != link.rate) {
            link.rate = rate;
            schedule(link, now);
        }
    }

    private void schedule(SimLink link, long now) {
        long micros = (long) Math.ceil(link.remainingBytes * MICROS_PER_SECOND / link.rate);
        events.scheduleTransfer(link, now + micros);
    }

    private static double rate(SimLink link) {
        SimPeer up = link.owner;
        SimPeer down = link.remote;
        double upShare = up.upload * link.weight / up.servingWeight;
        double downShare = down.download == 0 ? Double.POSITIVE_INFINITY
                : (double) down.download / down.receiving.size();
        return Math.min(upShare, downShare);
    }

    /** A transfer's weight: its share in the choking decision; 1 for a block finishing after a choke. */
    private static double weight(SimLink link) {
        double share = link.owner.choker.share(link);
        return share > 0 ? share : 1;
    }

    int length(long key) {
        return geometry.blockLength(SimLink.piece(key), SimLink.block(key));
    }

    static int begin(long key) {
        return SimLink.block(key) * PieceView.BLOCK_SIZE;
    }
}
