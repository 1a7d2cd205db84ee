package dev.piecewise.core.lab;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.TrackerServer;
import dev.piecewise.core.compare.SwarmDefaults;
import dev.piecewise.core.compare.SwarmRunner;
import dev.piecewise.core.plugin.DefaultSelections;
import dev.piecewise.core.swarm.AvailabilitySample;
import dev.piecewise.core.swarm.PeerClass;
import dev.piecewise.core.swarm.PeerOutcome;
import dev.piecewise.core.swarm.RunOutcome;
import dev.piecewise.core.swarm.SwarmPlan;
import dev.piecewise.core.tracker.server.EmbeddedTrackerSettings;
import dev.piecewise.core.tracker.server.TrackerService;
import dev.piecewise.spi.tracker.TrackerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The lab: real Piecewise engines on 127.0.0.1 in this process, one per user of the swarm (seeds and leechers), each
 * with its own data directory, listen port, timer and hashing pool, exchanging a payload of the torrent's geometry over
 * real TCP and real disk. The embedded tracker introduces them (when a tracker transport is installed; the lab also
 * hands each newcomer the addresses present, as a tracker's first answer would, so that discovery never waits for an
 * announce interval). Upload capacities are the engines' upload caps; free riders unchoke nobody. Every run starts
 * from fresh engines and empty directories, and ends with every engine closed and its files deleted.
 */
public final class LabSwarm implements SwarmRunner {

    private static final Logger log = LoggerFactory.getLogger(LabSwarm.class);
    /** The lab copies the payload once per peer: beyond this a comparison belongs in the simulator. */
    public static final long MAX_PAYLOAD = 256L * 1024 * 1024;
    private static final long POLL_MILLIS = 50;
    private static final long SAMPLE_MILLIS = 250;
    private static final Duration SEED_CHECK_TIMEOUT = Duration.ofSeconds(60);

    private final SwarmPlan plan;
    private final String choking;
    private final Map<String, String> chokingOptions;
    private final DefaultSelections selections;
    private final Function<String, Optional<TrackerTransport>> transports;
    private final Path root;
    private final TrackerService tracker = new TrackerService(EmbeddedTrackerSettings.defaults(), Clock.systemUTC());
    private final LabPayload payload;
    private final long timeLimitMillis;
    private int runsStarted;

    /**
     * Creates the payload (the torrent's size and piece length) under a fresh temporary folder of {@code workRoot}
     * and starts the embedded tracker.
     *
     * @throws PiecewiseException for a payload over {@link #MAX_PAYLOAD}, or when the files cannot be written
     */
    public LabSwarm(long totalLength, int pieceLength, SwarmPlan plan, String choking,
                    Map<String, String> chokingOptions, DefaultSelections selections,
                    Function<String, Optional<TrackerTransport>> transports, Path workRoot) {
        if (totalLength > MAX_PAYLOAD) {
            throw new PiecewiseException("the lab copies the torrent once per peer and takes at most "
                    + MAX_PAYLOAD / (1024 * 1024) + " MiB (this one has " + totalLength / (1024 * 1024)
                    + " MiB); use --swarm sim");
        }
        this.plan = plan;
        this.choking = choking;
        this.chokingOptions = Map.copyOf(chokingOptions);
        this.selections = selections;
        this.transports = transports;
        this.timeLimitMillis = timeLimit(plan, totalLength);
        try {
            Files.createDirectories(workRoot);
            this.root = Files.createTempDirectory(workRoot, "lab-");
        } catch (IOException e) {
            throw new PiecewiseException("cannot create the lab's folder in " + workRoot + ": " + e.getMessage(), e);
        }
        try {
            TrackerServer server = tracker.start(0);
            List<String> announce = List.of(server.httpAnnounceUrl(), server.udpAnnounceUrl()).stream()
                    .filter(url -> transports.apply(url.getScheme()).isPresent()).map(URI::toString).toList();
            this.payload = LabPayload.create(root.resolve("payload"), "lab-payload.bin", totalLength, pieceLength,
                    announce, 42);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Generous: five times as long as the seeds alone would take to send a copy to every leecher, plus a minute. */
    private static long timeLimit(SwarmPlan plan, long totalLength) {
        double copySeconds = (double) totalLength / (plan.seeds() * plan.seedUpload());
        return 60_000 + (long) (5_000 * copySeconds * Math.max(1, plan.leecherCount() / 2.0));
    }

    @Override
    public String setup() {
        return SwarmDefaults.describe(plan) + "; " + payload.metainfo().pieceCount() + " pieces of "
                + payload.metainfo().pieceLength() / 1024 + " KiB; real engines on 127.0.0.1";
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add("lab: real Piecewise engines over loopback TCP and disk, one process; upload caps are the engines' "
                + "own, download capacities are not enforced (loopback is faster than any cap)");
        notes.add("lab: a payload of random bytes with the torrent's size and piece length; the torrent's own data "
                + "and trackers are not used");
        return notes;
    }

    @Override
    public RunOutcome run(String strategy, int run, long seed, Progress progress) {
        Path runRoot = root.resolve("run-" + ++runsStarted);
        long[] arrivals = plan.arrivals().times(plan.leecherCount(), new SplittableRandom(seed));
        List<LabPeer> peers = new ArrayList<>();
        LabFlows flows = new LabFlows();
        try {
            for (int i = 0; i < plan.seeds(); i++) {
                peers.add(LabPeer.start(i, PeerOutcome.SEED_CLASS, true, plan.seedUpload(), false, 0,
                        InetAddress.getLoopbackAddress(), runRoot.resolve("seed-" + i), payload.torrentFile(), payload.directory(), strategy, choking,
                        chokingOptions, selections, transports));
            }
            for (LabPeer initialSeed : peers) {
                initialSeed.awaitSeeding(SEED_CHECK_TIMEOUT);
                flows.joined(initialSeed.number, initialSeed.address().getPort(), true);
            }
            return drive(strategy, run, seed, runRoot, arrivals, peers, flows, progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("the lab run was interrupted");
        } finally {
            peers.forEach(peer -> closeQuietly(peer, 0));
            LabFiles.delete(runRoot);
        }
    }

    private RunOutcome drive(String strategy, int run, long seed, Path runRoot, long[] arrivals, List<LabPeer> peers,
                             LabFlows flows, Progress progress) throws InterruptedException {
        int pieces = payload.metainfo().pieceCount();
        int leechers = arrivals.length;
        List<Integer> order = IntStream.range(0, leechers).boxed()
                .sorted(Comparator.comparingLong(i -> arrivals[i])).toList();
        BitSet everCompleted = new BitSet(pieces);
        List<AvailabilitySample> samples = new ArrayList<>();
        long seedBytesUntilAllOut = PeerOutcome.NEVER;
        long allOutMillis = PeerOutcome.NEVER;
        long start = System.nanoTime();
        long nextSample = 0;
        int joined = 0;
        int lastReported = -1;
        while (true) {
            long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            while (joined < leechers && arrivals[order.get(joined)] <= now) {
                int index = order.get(joined++);
                PeerClass kind = plan.classOf(index);
                LabPeer newcomer = LabPeer.start(plan.seeds() + index, kind.name(), false, kind.upload(),
                        kind.freeRider(), now, InetAddress.getLoopbackAddress(), runRoot.resolve("leecher-" + index), payload.torrentFile(),
                        runRoot.resolve("leecher-" + index).resolve("downloads"), strategy, choking, chokingOptions,
                        selections, transports);
                peers.stream().filter(LabPeer::present).forEach(peer -> newcomer.connect(peer.address()));
                peers.add(newcomer);
                flows.joined(newcomer.number, newcomer.address().getPort(), false);
            }
            int[] copies = new int[pieces];
            int present = 0;
            int completed = 0;
            for (LabPeer peer : peers) {
                if (!peer.present()) {
                    completed += peer.complete() ? 1 : 0;
                    continue;
                }
                BitSet have = peer.observe(now);
                flows.look(peer.number, peer.torrent().peers());
                if (peer.seed) {
                    continue;
                }
                present++;
                everCompleted.or(have);
                for (int piece = have.nextSetBit(0); piece >= 0; piece = have.nextSetBit(piece + 1)) {
                    copies[piece]++;
                }
                if (peer.complete()) {
                    completed++;
                    if (plan.lingerMillis() != SwarmPlan.NEVER && now >= peer.completionMillis() + plan.lingerMillis()) {
                        peer.leave(now);
                    }
                }
            }
            if (allOutMillis == PeerOutcome.NEVER && everCompleted.cardinality() == pieces) {
                allOutMillis = now;
                seedBytesUntilAllOut = peers.stream().filter(peer -> peer.seed).mapToLong(LabPeer::uploaded).sum();
            }
            if (now >= nextSample && present > 0) {
                samples.add(sample(now, copies, present, completed));
                nextSample = now + SAMPLE_MILLIS;
            }
            if (completed != lastReported) {
                progress.advanced(completed, leechers, now);
                lastReported = completed;
            }
            boolean finished = joined == leechers && completed == leechers;
            if (finished || now > timeLimitMillis) {
                if (!finished) {
                    log.warn("lab run {} of {} stopped at its time limit of {} s with {} of {} leechers complete",
                            run, strategy, timeLimitMillis / 1000, completed, leechers);
                }
                long end = now;
                peers.forEach(peer -> {
                    if (peer.present()) {
                        peer.observe(end);
                        flows.look(peer.number, peer.torrent().peers());
                    }
                });
                List<PeerOutcome> outcomes = peers.stream().sorted(Comparator.comparingInt(peer -> peer.number))
                        .map(peer -> peer.outcome(end, flows.fromLeechers(peer.number))).toList();
                return new RunOutcome(strategy, choking, run, seed, finished, end, seedBytesUntilAllOut,
                        allOutMillis, payload.metainfo().totalLength(), outcomes, samples);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static AvailabilitySample sample(long now, int[] copies, int present, int completed) {
        int min = Integer.MAX_VALUE;
        long sum = 0;
        for (int count : copies) {
            min = Math.min(min, count);
            sum += count;
        }
        return new AvailabilitySample(now, min, (double) sum / copies.length, present, completed);
    }

    private static void closeQuietly(LabPeer peer, long now) {
        try {
            peer.leave(now);
        } catch (RuntimeException e) {
            log.warn("closing lab peer {} failed", peer.number, e);
        }
    }

    /** Stops the tracker and deletes the payload and every run's files. */
    @Override
    public void close() {
        tracker.close();
        LabFiles.delete(root);
    }
}
