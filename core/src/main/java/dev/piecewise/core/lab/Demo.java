package dev.piecewise.core.lab;

import dev.piecewise.api.DemoSwarm;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.core.plugin.DefaultSelections;
import dev.piecewise.spi.tracker.TrackerTransport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The demo swarm: a sample payload and torrent in the data directory's {@code demo/} folder, and
 * {@value #SEEDS} seeds of it running in this process on 127.0.0.1 (engines of their own, each capped at
 * {@value #SEED_UPLOAD} bytes per second so that a download takes seconds), announcing to the client's embedded tracker.
 */
public final class Demo implements AutoCloseable {

    static final String NAME = "piecewise-demo";
    static final long SIZE = 8L * 1024 * 1024;
    static final int PIECE_LENGTH = 64 * 1024;
    static final int SEEDS = 2;
    static final long SEED_UPLOAD = 512 * 1024;

    private final DemoSwarm info;
    private final List<LabPeer> seeds;
    private final Path seedHomes;

    private Demo(DemoSwarm info, List<LabPeer> seeds, Path seedHomes) {
        this.info = info;
        this.seeds = seeds;
        this.seedHomes = seedHomes;
    }

    /**
     * Writes the sample (the same bytes every time, so the same info-hash) and starts the seeds.
     *
     * @param announce the embedded tracker's HTTP announce URL
     * @throws PiecewiseException when no transport speaks HTTP, or the files or engines cannot be set up
     */
    public static Demo start(Path dataDir, URI announce, DefaultSelections selections,
                             Function<String, Optional<TrackerTransport>> transports) {
        if (transports.apply(announce.getScheme()).isEmpty()) {
            throw new PiecewiseException("the demo needs the HTTP tracker plugin (tracker-http), which is not "
                    + "installed");
        }
        Path folder = dataDir.resolve("demo");
        LabPayload payload = LabPayload.create(folder, NAME, SIZE, PIECE_LENGTH, List.of(announce.toString()), 42);
        Path homes;
        try {
            homes = Files.createTempDirectory(folder, "seeds-");
        } catch (IOException e) {
            throw new PiecewiseException("cannot create the demo's seeds in " + folder + ": " + e.getMessage(), e);
        }
        List<LabPeer> seeds = new ArrayList<>();
        var demo = new Demo(new DemoSwarm(payload.torrentFile(), SIZE, payload.metainfo().pieceCount(), SEEDS,
                announce), seeds, homes);
        try {
            for (int i = 0; i < SEEDS; i++) {
                seeds.add(LabPeer.start(i, "seed", true, SEED_UPLOAD, false, 0, InetAddress.getLoopbackAddress(),
                        homes.resolve("seed-" + i), payload.torrentFile(), folder, selections.strategy().spec(),
                        selections.choking().spec(), Map.of(), selections, transports));
            }
            for (LabPeer seed : seeds) {
                seed.awaitSeeding(Duration.ofSeconds(20));
            }
            return demo;
        } catch (InterruptedException e) {
            demo.close();
            Thread.currentThread().interrupt();
            throw new PiecewiseException("interrupted while starting the demo", e);
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    public DemoSwarm info() {
        return info;
    }

    /** Stops the seeds and deletes their state; the sample and its torrent stay for later. */
    @Override
    public void close() {
        seeds.forEach(seed -> seed.leave(0));
        LabFiles.delete(seedHomes);
    }
}
