package dev.piecewise.core.compare;

import dev.piecewise.api.CompareRequest;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.core.swarm.Arrivals;
import dev.piecewise.core.swarm.PeerClass;
import dev.piecewise.core.swarm.SwarmPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The swarms a comparison sets up when the user does not say otherwise, chosen so that strategies differ: a flash
 * crowd (every leecher joins within the first seconds) and one seed slower than the leechers' combined demand, so
 * that which pieces leave the seed first matters. Rates scale with the torrent's size, so that a run takes about as
 * long for a small torrent as for a large one: the seed alone could send one copy in {@value #SEED_COPY_SECONDS}
 * seconds in the lab ({@value #SIM_SEED_COPY_SECONDS} in the simulator), a leecher uploads at half the seed's rate and
 * can download at four times its own upload. Leechers leave as soon as they complete.
 */
public final class SwarmDefaults {

    static final int SEED_COPY_SECONDS = 20;
    static final int SIM_SEED_COPY_SECONDS = 120;
    static final int LAB_LEECHERS = 4;
    static final int SIM_LEECHERS = 100;
    static final int LAB_RUNS = 1;
    static final int SIM_RUNS = 3;
    /** The lab runs real engines in one process: more than this many peers is a benchmark, not a comparison. */
    static final int LAB_MAX_PEERS = 24;
    private static final long MIN_RATE = 16 * 1024;
    private static final long FLASH_CROWD_SPREAD_MILLIS = 2_000;

    private SwarmDefaults() {
    }

    /** The runs per strategy when the request names none. */
    public static int runs(CompareRequest.Swarm swarm) {
        return swarm == CompareRequest.Swarm.SIM ? SIM_RUNS : LAB_RUNS;
    }

    /**
     * The swarm of a lab or simulated comparison for a torrent of {@code totalLength} bytes.
     *
     * @throws PiecewiseException for a shape that makes no swarm (no leecher, only free riders, too many lab peers)
     */
    public static SwarmPlan plan(CompareRequest.Swarm swarm, CompareRequest.Shape shape, long totalLength) {
        boolean sim = swarm == CompareRequest.Swarm.SIM;
        int seeds = shape.seeds().orElse(1);
        int leechers = shape.leechers().orElse(sim ? SIM_LEECHERS : LAB_LEECHERS);
        int freeRiders = shape.freeRiders().orElse(0);
        long seedUpload = shape.seedUpload().orElse(Math.max(MIN_RATE,
                totalLength / (sim ? SIM_SEED_COPY_SECONDS : SEED_COPY_SECONDS)));
        long upload = shape.upload().orElse(Math.max(MIN_RATE, seedUpload / 2));
        if (seeds < 1 || leechers < 1 || freeRiders < 0 || freeRiders > leechers) {
            throw new PiecewiseException("a swarm needs at least one seed and one leecher, and no more free riders than"
                    + " leechers (seeds " + seeds + ", leechers " + leechers + ", free riders " + freeRiders + ")");
        }
        if (seedUpload <= 0 || upload <= 0) {
            throw new PiecewiseException("upload rates must be positive");
        }
        if (!sim && seeds + leechers > LAB_MAX_PEERS) {
            throw new PiecewiseException("the lab runs at most " + LAB_MAX_PEERS + " peers (asked for "
                    + (seeds + leechers) + "); use --swarm sim for larger swarms");
        }
        List<PeerClass> classes = new ArrayList<>();
        if (leechers > freeRiders) {
            classes.add(PeerClass.of("leecher", leechers - freeRiders, upload, 4 * upload));
        }
        if (freeRiders > 0) {
            classes.add(PeerClass.freeRiders("free-rider", freeRiders, 4 * upload));
        }
        return new SwarmPlan(seeds, seedUpload, SwarmPlan.NEVER, classes,
                new Arrivals.FlashCrowd(FLASH_CROWD_SPREAD_MILLIS), 0);
    }

    /** A swarm plan in one line. */
    public static String describe(SwarmPlan plan) {
        StringBuilder text = new StringBuilder();
        text.append(plan.seeds()).append(plan.seeds() == 1 ? " seed" : " seeds").append(" at ")
                .append(rate(plan.seedUpload()));
        for (PeerClass kind : plan.leechers()) {
            text.append(", ").append(kind.count()).append(' ').append(kind.name())
                    .append(kind.count() == 1 ? "" : "s");
            if (!kind.freeRider()) {
                text.append(" up ").append(rate(kind.upload()));
            }
            if (kind.download() > 0) {
                text.append(" down ").append(rate(kind.download()));
            }
        }
        if (plan.arrivals() instanceof Arrivals.FlashCrowd crowd) {
            text.append("; flash crowd within ").append(crowd.spreadMillis() / 1000.0).append(" s");
        } else if (plan.arrivals() instanceof Arrivals.Poisson poisson) {
            text.append("; arrivals every ").append(poisson.meanGapMillis() / 1000.0).append(" s on average");
        }
        text.append(plan.lingerMillis() == 0 ? "; leechers leave on completion"
                : plan.lingerMillis() == SwarmPlan.NEVER ? "; leechers stay after completion"
                : "; leechers seed " + plan.lingerMillis() / 1000 + " s after completion");
        return text.toString();
    }

    static String rate(long bytesPerSecond) {
        return bytesPerSecond >= 1024 * 1024
                ? String.format(Locale.ROOT, "%.1f MiB/s", bytesPerSecond / (1024.0 * 1024))
                : String.format(Locale.ROOT, "%.0f KiB/s", bytesPerSecond / 1024.0);
    }
}
