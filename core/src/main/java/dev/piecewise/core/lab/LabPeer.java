package dev.piecewise.core.lab;

import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentMetrics;
import dev.piecewise.api.TorrentStatus;
import dev.piecewise.core.engine.Engine;
import dev.piecewise.core.engine.EngineSettings;
import dev.piecewise.core.plugin.DefaultSelections;
import dev.piecewise.core.swarm.PeerOutcome;
import dev.piecewise.spi.tracker.TrackerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One user of a lab swarm: an engine of its own (listen port, timer, hashing pool, data directory) with the lab's
 * torrent added, and what was seen of it. Used by the lab's one driving thread only.
 */
final class LabPeer {

    private static final Logger log = LoggerFactory.getLogger(LabPeer.class);

    final int number;
    final String peerClass;
    final boolean seed;
    final long uploadCapacity;
    private final long arrivalMillis;
    private final Engine engine;
    private final TorrentHandle torrent;
    private long firstPiece = PeerOutcome.NEVER;
    private long completion = PeerOutcome.NEVER;
    private long departure = PeerOutcome.NEVER;
    private TorrentStatus last;

    private LabPeer(int number, String peerClass, boolean seed, long uploadCapacity, long arrivalMillis, Engine engine,
                    TorrentHandle torrent) {
        this.number = number;
        this.peerClass = peerClass;
        this.seed = seed;
        this.uploadCapacity = uploadCapacity;
        this.arrivalMillis = arrivalMillis;
        this.engine = engine;
        this.torrent = torrent;
        this.last = torrent.status();
    }

    /**
     * Starts an engine on {@code bindAddress} (any free port) in {@code home} and adds the torrent into {@code downloads}.
     *
     * @param uploadCap bytes per second, 0 for none
     */
    static LabPeer start(int number, String peerClass, boolean seed, long uploadCap, boolean freeRider,
                         long arrivalMillis, InetAddress bindAddress, Path home, Path torrentFile, Path downloads, String strategy,
                         String choking, Map<String, String> chokingOptions, DefaultSelections selections,
                         Function<String, Optional<TrackerTransport>> transports) {
        EngineSettings settings = EngineSettings.DEFAULT.withUploadLimit(uploadCap);
        if (freeRider) {
            settings = settings.asFreeRider();
        }
        var config = new ClientConfig(home, home, bindAddress, 0);
        Engine engine = Engine.start(config, settings, selections, transports);
        try {
            TorrentHandle torrent = engine.add(new AddTorrent(torrentFile, downloads, Optional.of(strategy), Map.of(),
                    Optional.of(choking), chokingOptions));
            log.info("lab peer {} ({}{}) listens on port {}", number, seed ? "seed" : peerClass,
                    freeRider ? ", free rider" : "", engine.port());
            return new LabPeer(number, peerClass, seed, freeRider ? 0 : uploadCap, arrivalMillis, engine, torrent);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * Waits until the torrent's data is checked and complete (a seed ready to serve).
     *
     * @throws PiecewiseException when it fails or the timeout passes
     */
    void awaitSeeding(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        TorrentStatus status = torrent.status();
        while (status.piecesVerified() < status.piecesTotal()) {
            if (status.error().isPresent() || System.nanoTime() > deadline) {
                throw new PiecewiseException("a seed could not check its payload: "
                        + status.error().orElse("not done after " + timeout.toSeconds() + " s"));
            }
            Thread.sleep(20);
            status = torrent.status();
        }
    }

    /** Where it listens (lab peers listen on 127.0.0.1). */
    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), engine.port());
    }

    void connect(InetSocketAddress peer) {
        torrent.connect(peer);
    }

    boolean present() {
        return departure == PeerOutcome.NEVER;
    }

    boolean complete() {
        return completion != PeerOutcome.NEVER;
    }

    long completionMillis() {
        return completion;
    }

    TorrentHandle torrent() {
        return torrent;
    }

    /** Takes a snapshot at {@code nowMillis} of the run; returns the verified pieces. */
    BitSet observe(long nowMillis) {
        last = torrent.status();
        TorrentMetrics metrics = last.metrics();
        // the engine times from the end of its check, a few milliseconds after joining: close enough, and exact
        // where polling would round to the poll interval
        if (firstPiece == PeerOutcome.NEVER && metrics.timeToFirstPiece().isPresent()) {
            firstPiece = Math.min(nowMillis, arrivalMillis + metrics.timeToFirstPiece().get().toMillis());
        }
        if (completion == PeerOutcome.NEVER && !seed && metrics.timeToComplete().isPresent()) {
            completion = Math.min(nowMillis, arrivalMillis + metrics.timeToComplete().get().toMillis());
        }
        return engine.verifiedPieces(torrent.infoHash()).orElseGet(BitSet::new);
    }

    long uploaded() {
        return last.uploaded();
    }

    TorrentStatus status() {
        return last;
    }

    /** Leaves the swarm: the engine stops and closes its port and threads. */
    void leave(long nowMillis) {
        if (present()) {
            last = torrent.status();
            departure = nowMillis;
            engine.close();
        }
    }

    /** @param fromLeechers the block bytes it received from peers other than the initial seeds, or NEVER */
    PeerOutcome outcome(long endMillis, long fromLeechers) {
        return new PeerOutcome(number, peerClass, seed, seed ? 0 : arrivalMillis, seed ? PeerOutcome.NEVER : firstPiece,
                seed ? PeerOutcome.NEVER : completion, present() ? endMillis : departure, last.uploaded(),
                last.downloaded(), fromLeechers, last.metrics().duplicateBytes(), last.metrics().wastedBytes(), uploadCapacity);
    }
}
