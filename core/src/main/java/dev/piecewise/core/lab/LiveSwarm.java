package dev.piecewise.core.lab;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.core.compare.SwarmRunner;
import dev.piecewise.core.plugin.DefaultSelections;
import dev.piecewise.core.swarm.AvailabilitySample;
import dev.piecewise.core.swarm.PeerOutcome;
import dev.piecewise.core.swarm.RunOutcome;
import dev.piecewise.spi.tracker.TrackerTransport;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The torrent's real swarm: each run is one fresh engine downloading the torrent into an empty directory with one
 * strategy, from whatever peers its trackers give, until it completes or the time limit passes; then the engine
 * closes and the download is deleted. Runs go one after the other, so the swarm they meet is not the same: the
 * figures describe single downloads, and the notes say so.
 */
public final class LiveSwarm implements SwarmRunner {

    private static final long POLL_MILLIS = 100;
    private static final long SAMPLE_MILLIS = 1_000;

    private final Path torrentFile;
    private final long totalLength;
    private final String choking;
    private final Map<String, String> chokingOptions;
    private final DefaultSelections selections;
    private final Function<String, Optional<TrackerTransport>> transports;
    private final InetAddress bindAddress;
    private final Path root;
    private final Duration timeLimit;
    private int runsStarted;

    /** @param timeLimit how long one download may take before the run counts as unfinished */
    public LiveSwarm(Path torrentFile, long totalLength, String choking, Map<String, String> chokingOptions,
                     DefaultSelections selections, Function<String, Optional<TrackerTransport>> transports,
                     InetAddress bindAddress, Path workRoot, Duration timeLimit) {
        this.torrentFile = torrentFile;
        this.totalLength = totalLength;
        this.choking = choking;
        this.chokingOptions = Map.copyOf(chokingOptions);
        this.selections = selections;
        this.transports = transports;
        this.bindAddress = bindAddress;
        this.timeLimit = timeLimit;
        try {
            Files.createDirectories(workRoot);
            this.root = Files.createTempDirectory(workRoot, "live-");
        } catch (IOException e) {
            throw new PiecewiseException("cannot create a folder for live runs in " + workRoot + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String setup() {
        return "the torrent's real swarm, one download per run, at most " + timeLimit.toSeconds() + " s each";
    }

    @Override
    public List<String> notes() {
        return List.of("live: the real swarm changes between runs (peers come and go, seeds' load varies), so "
                + "differences between strategies may be the swarm's; repeat with --runs and compare spreads");
    }

    @Override
    public RunOutcome run(String strategy, int run, long seed, Progress progress) {
        Path runRoot = root.resolve("run-" + ++runsStarted);
        LabPeer peer = LabPeer.start(0, "live", false, 0, false, 0, bindAddress, runRoot, torrentFile,
                runRoot.resolve("downloads"), strategy, choking, chokingOptions, selections, transports);
        try {
            List<AvailabilitySample> samples = new ArrayList<>();
            long start = System.nanoTime();
            long nextSample = 0;
            while (true) {
                long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                peer.observe(now);
                if (now >= nextSample && !peer.complete()) {
                    // what one peer can see: the copies of its rarest needed piece among its connected peers
                    int lowest = peer.status().metrics().minAvailability();
                    samples.add(new AvailabilitySample(now, lowest, lowest, 1, 0));
                    nextSample = now + SAMPLE_MILLIS;
                }
                progress.advanced(peer.complete() ? 1 : 0, 1, now);
                if (peer.complete() || now > timeLimit.toMillis()) {
                    peer.leave(now);
                    return new RunOutcome(strategy, choking, run, seed, peer.complete(), now, PeerOutcome.NEVER,
                            PeerOutcome.NEVER, totalLength, List.of(peer.outcome(now, PeerOutcome.NEVER)), samples);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the live run was interrupted");
        } finally {
            peer.leave(0);
            LabFiles.delete(runRoot);
        }
    }

    @Override
    public void close() {
        LabFiles.delete(root);
    }
}
