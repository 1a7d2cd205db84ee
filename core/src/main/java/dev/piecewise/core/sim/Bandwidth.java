package dev.piecewise.core.sim;

import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.spi.strategy.PieceView;

import java.util.List;

/**
 * How concurrent block transfers share the peers' links, and when each block finishes.
 *
 * <p>The bottlenecks are the peers' access links. An uploader U divides its upload capacity among the transfers it
 * is sending in proportion to their weights (the choking decision's shares; equal unless the policy weighs peers):
 * that is each transfer's demand. A downloader D shares its download capacity max-min fairly among the transfers it
 * receives, as TCP flows share a bottleneck: transfers whose demand is below an equal share get their demand, and what
 * they leave over goes to the others (water-filling). A transfer thus runs at its uploader's share unless the
 * downloader's link cannot carry that much. What an uploader's share loses at a full downlink is not handed to its
 * other transfers (that would take a global max-min solution per event); with downlinks faster than uplinks, as in
 * the default swarms, this rarely binds.
 *
 * <p>A rate changes only when a transfer starts or stops, or an uploader's weights change: then the rates of the
 * transfers into every downloader that uploader sends to are recomputed, and only a transfer whose rate changed is
 * rescheduled.
 */
final class Bandwidth {

    private static final double MICROS_PER_SECOND = 1e6;


    private final EventQueue events;
    private final PieceGeometry geometry;
    private SimLink[] sorted = new SimLink[16];

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

    /** The uploader's shares may have changed (after a rechoke): if they did, its transfers' rates follow. */
    void reweigh(SimPeer uploader, long now) {
        // a lone transfer has the whole upload whatever its weight
        if (uploader.serving.size() < 2) {
            return;
        }
        for (SimLink link : uploader.serving) {
            if (weight(link) != link.weight) {
                reshare(uploader, null, now);
                return;
            }
        }
    }

    private void reshare(SimPeer uploader, SimPeer downloader, long now) {
        double total = 0;
        for (SimLink link : uploader.serving) {
            link.weight = weight(link);
            total += link.weight;
        }
        for (SimLink link : uploader.serving) {
            link.demand = uploader.upload * link.weight / total;
        }
        if (downloader != null) {
            share(downloader, now);
        }
        for (SimLink link : uploader.serving) {
            if (link.remote != downloader) {
                share(link.remote, now);
            }
        }
    }

    /** Water-fills a downloader's capacity over the transfers it receives, and reschedules those whose rate moved. */
    private void share(SimPeer downloader, long now) {
        List<SimLink> incoming = downloader.receiving;
        if (downloader.download == 0) {
            for (SimLink link : incoming) {
                update(link, link.demand, now);
            }
            return;
        }
        int flows = incoming.size();
        if (sorted.length < flows) {
            sorted = new SimLink[Math.max(flows, 2 * sorted.length)];
        }
        // insertion sort: a handful of transfers, often already in order
        for (int i = 0; i < flows; i++) {
            SimLink link = incoming.get(i);
            int j = i;
            while (j > 0 && before(link, sorted[j - 1])) {
                sorted[j] = sorted[j - 1];
                j--;
            }
            sorted[j] = link;
        }
        double left = downloader.download;
        for (int i = 0, count = flows; i < count; i++) {
            SimLink link = sorted[i];
            double rate = Math.min(link.demand, left / flows);
            left -= rate;
            flows--;
            update(link, rate, now);
        }
    }

    /** Lower demand first; ties by link id, so that the order (and the float sums) depend on nothing else. */
    private static boolean before(SimLink a, SimLink b) {
        return a.demand != b.demand ? a.demand < b.demand : a.id < b.id;
    }

    private void update(SimLink link, double rate, long now) {
        link.remainingBytes = Math.max(0, link.remainingBytes
                - link.rate * (now - link.lastUpdateMicros) / MICROS_PER_SECOND);
        link.lastUpdateMicros = now;
        if (rate != link.rate) {
            link.rate = rate;
            schedule(link, now);
        }
    }

    private void schedule(SimLink link, long now) {
        long micros = (long) Math.ceil(link.remainingBytes * MICROS_PER_SECOND / link.rate);
        events.scheduleTransfer(link, now + micros);
    }

    /**
     * A transfer's weight: its share in the choking decision; 1 for a block finishing after a choke. Looked up again
     * only after the owner's choker rechoked, the one time shares change.
     */
    private static double weight(SimLink link) {
        long rechokes = link.owner.choker.rechokes();
        if (link.shareAtRechoke != rechokes) {
            double share = link.owner.choker.share(link);
            link.share = share > 0 ? share : 1;
            link.shareAtRechoke = rechokes;
        }
        return link.share;
    }

    int length(long key) {
        return geometry.blockLength(SimLink.piece(key), SimLink.block(key));
    }

    static int begin(long key) {
        return SimLink.block(key) * PieceView.BLOCK_SIZE;
    }
}
