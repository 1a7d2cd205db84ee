package dev.piecewise.core.engine;

import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.InfoHash;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentSource;
import dev.piecewise.core.magnet.MagnetException;
import dev.piecewise.core.magnet.MagnetLink;
import dev.piecewise.core.metadata.TorrentFileWriter;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.MetainfoException;
import dev.piecewise.core.metainfo.MetainfoParser;
import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.core.plugin.ChokingSelection;
import dev.piecewise.core.plugin.DefaultSelections;
import dev.piecewise.core.plugin.StrategySelection;
import dev.piecewise.core.storage.StorageException;
import dev.piecewise.core.tracker.AnnounceIdentity;
import dev.piecewise.core.tracker.Announcer;
import dev.piecewise.core.tracker.AnnouncerSettings;
import dev.piecewise.core.tracker.Scheduler;
import dev.piecewise.spi.tracker.PeerAddress;
import dev.piecewise.spi.tracker.TrackerTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The torrent side of a session: the listen port, the torrents and what is saved of them, the timer that ticks them
 * once a second and the hashing pool. {@code Session} delegates the API's torrent methods here.
 */
public final class Engine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private static final String TORRENTS = "torrents";

    private final Path torrentsRoot;
    private final DefaultSelections selections;
    private final Function<String, Optional<TrackerTransport>> transports;
    private final Node node;
    private final int announceKey = new SecureRandom().nextInt();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<InfoHash, Handle> torrents = new LinkedHashMap<>();

    private Engine(ClientConfig config, EngineSettings settings, DefaultSelections selections,
                   Function<String, Optional<TrackerTransport>> transports) {
        this.torrentsRoot = config.dataDir().resolve(TORRENTS);
        this.selections = selections;
        this.transports = transports;
        this.node = new Node(settings, config.bindAddress(), config.port());
    }

    /**
     * Opens the listen port, restores the torrents saved in the data directory and starts ticking them.
     *
     * @throws PiecewiseException when the port cannot be opened
     */
    public static Engine start(ClientConfig config, EngineSettings settings, DefaultSelections selections,
                               Function<String, Optional<TrackerTransport>> transports) {
        var engine = new Engine(config, settings, selections, transports);
        engine.restore();
        log.info("listening for peers on {}:{} as {}", config.bindAddress().getHostAddress(), engine.port(),
                engine.node.peerId());
        return engine;
    }

    public int port() {
        return node.port();
    }

    // ---- the API's torrent methods ----------------------------------------------------------------------------

    /** Adds a torrent and starts it; see {@code Client#add}. */
    public TorrentHandle add(AddTorrent request) {
        return switch (request.source()) {
            case TorrentSource.File file -> addFile(file.path(), request);
            case TorrentSource.Magnet magnet -> addMagnet(magnet.uri(), request);
        };
    }

    private TorrentHandle addFile(Path file, AddTorrent request) {
        byte[] bytes = readTorrentFile(file);
        Metainfo metainfo;
        try {
            metainfo = MetainfoParser.parse(bytes, file.toString());
        } catch (MetainfoException e) {
            throw new PiecewiseException(e.getMessage(), e);
        }
        return add(metainfo.infoHash(), request, saved -> saved.create(bytes),
                (saved, strategy, choking) -> open(metainfo, saved, strategy, choking));
    }

    private TorrentHandle addMagnet(String uri, AddTorrent request) {
        MagnetLink link;
        try {
            link = MagnetLink.parse(uri);
        } catch (MagnetException e) {
            throw new PiecewiseException(e.getMessage(), e);
        }
        return add(link.infoHash(), request, saved -> saved.createMagnet(link.toUri()),
                (saved, strategy, choking) -> openMagnet(link, saved, strategy, choking));
    }

    /** Keeps what a torrent is added from in its folder of the data directory. */
    private interface Keeping {
        void keep(SavedTorrent saved) throws IOException;
    }

    /** Makes the handle of a torrent being added. */
    private interface Opening {
        Handle open(SavedTorrent saved, StrategySelection strategy, ChokingSelection choking);
    }

    /** Adds a torrent, unless it was added already: saves it, opens it, starts it. */
    private TorrentHandle add(InfoHash infoHash, AddTorrent request, Keeping keeping, Opening opening) {
        StrategySelection strategy = selections.strategyFor(request.strategy(), request.strategyOptions());
        ChokingSelection choking = selections.chokingFor(request.choking(), request.chokingOptions());
        lock.lock();
        try {
            Handle existing = torrents.get(infoHash);
            if (existing != null) {
                throw new PiecewiseException("this torrent was already added as " + existing.id() + " ("
                        + existing.name() + ")");
            }
            var saved = new SavedTorrent(SavedTorrent.folder(torrentsRoot, infoHash),
                    request.directory().toAbsolutePath().normalize(), Optional.of(strategy.spec()),
                    request.strategyOptions(), Optional.of(choking.spec()), request.chokingOptions(), false,
                    System.currentTimeMillis());
            try {
                keeping.keep(saved);
            } catch (IOException e) {
                throw new PiecewiseException("cannot save the torrent in the data directory: " + e.getMessage(), e);
            }
            Handle handle;
            try {
                handle = opening.open(saved, strategy, choking);
            } catch (PiecewiseException e) {
                forget(saved);
                throw e;
            }
            torrents.put(infoHash, handle);
            handle.start();
            log.info("added {} {} into {}", handle.id(), handle.name(), saved.directory());
            return handle;
        } finally {
            lock.unlock();
        }
    }

    /** The torrents in the order they were added. */
    public List<TorrentHandle> torrents() {
        lock.lock();
        try {
            return List.copyOf(torrents.values());
        } finally {
            lock.unlock();
        }
    }

    /** The torrent whose id starts with {@code idPrefix}; see {@code Client#torrent}. */
    public TorrentHandle torrent(String idPrefix) {
        return find(idPrefix);
    }

    /**
     * The verified pieces of a torrent of this session, for the comparison lab's availability figures; empty for a
     * torrent unknown here or whose metadata is not known yet.
     */
    public Optional<BitSet> verifiedPieces(InfoHash infoHash) {
        lock.lock();
        try {
            return Optional.ofNullable(torrents.get(infoHash)).flatMap(Handle::torrent).map(Torrent::verifiedPieces);
        } finally {
            lock.unlock();
        }
    }

    /** Stops a torrent, forgets it, and deletes its data when asked to. */
    public void remove(String idPrefix, boolean deleteData) {
        Handle handle = find(idPrefix);
        lock.lock();
        try {
            torrents.remove(handle.infoHash());
        } finally {
            lock.unlock();
        }
        node.unregister(handle.host());
        try {
            handle.remove(deleteData);
            handle.saved().delete();
        } catch (IOException e) {
            throw new PiecewiseException("torrent " + handle.id() + " was removed, but deleting its files failed: "
                    + e.getMessage(), e);
        }
        log.info("removed {} {}{}", handle.id(), handle.name(), deleteData ? " and its data" : "");
    }

    /** Stops every torrent, tells the trackers (within a short deadline), saves state and closes the port. */
    @Override
    public void close() {
        List<Handle> all;
        lock.lock();
        try {
            all = List.copyOf(torrents.values());
            torrents.clear();
        } finally {
            lock.unlock();
        }
        var stops = new ArrayList<CompletableFuture<Void>>();
        for (Handle handle : all) {
            handle.stop();
            stops.add(handle.link().stopped());
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(TrackerLink.STOP_DEADLINE.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            log.debug("not every tracker heard that we stopped: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(Handle::closeStorage);
        node.close();
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private Handle find(String idPrefix) {
        String prefix = idPrefix.strip().toLowerCase(java.util.Locale.ROOT);
        List<Handle> matches;
        lock.lock();
        try {
            matches = torrents.values().stream().filter(h -> h.infoHash().hex().startsWith(prefix)).toList();
        } finally {
            lock.unlock();
        }
        if (prefix.isEmpty() || matches.isEmpty()) {
            throw new PiecewiseException("no torrent '" + idPrefix + "'" + (torrents().isEmpty() ? "; none is added"
                    : "; the ids are " + torrents().stream().map(TorrentHandle::id).toList()));
        }
        if (matches.size() > 1) {
            throw new PiecewiseException("'" + idPrefix + "' is ambiguous: " + matches.stream().map(Handle::id)
                    .toList() + "; type more of the id");
        }
        return matches.getFirst();
    }

    /** Deletes what was saved of a torrent that could not be added, so that no restart tries it again. */
    private static void forget(SavedTorrent saved) {
        try {
            saved.delete();
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", saved.folder(), e.getMessage());
        }
    }

    private static byte[] readTorrentFile(Path source) {
        try {
            if (Files.size(source) > MetainfoParser.MAX_TORRENT_FILE_SIZE) {
                throw new PiecewiseException(source + " is too large to be a torrent file");
            }
            return Files.readAllBytes(source);
        } catch (IOException e) {
            throw new PiecewiseException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** A torrent whose metadata is known, registered with the node, not started. */
    private Handle open(Metainfo metainfo, SavedTorrent saved, StrategySelection strategy, ChokingSelection choking) {
        var link = new TrackerLink();
        Torrent torrent = newTorrent(metainfo, saved, strategy, choking, link);
        Handle handle = Handle.of(metainfo, torrent, link, selections, saved, strategy, choking);
        handle.announceWith(newAnnouncer(metainfo.infoHash(), metainfo.announceTiers(), handle));
        return handle;
    }

    /** A torrent added by magnet link, fetching its metadata, registered with the node, not started. */
    private Handle openMagnet(MagnetLink link, SavedTorrent saved, StrategySelection strategy,
                              ChokingSelection choking) {
        var trackerLink = new TrackerLink();
        var handle = new AtomicReference<Handle>();
        var fetch = new MetadataFetch(node.context(), link.infoHash(), link.displayName().orElse(link.infoHash().hex()),
                trackerLink, metadata -> metadataArrived(handle.get(), link, metadata));
        handle.set(Handle.fetching(fetch, trackerLink, selections, saved, strategy, choking));
        handle.get().announceWith(newAnnouncer(link.infoHash(), link.announceTiers(), handle.get()));
        node.register(fetch);
        addMagnetPeers(fetch, link);
        return handle.get();
    }

    /** The link's peers: addresses at once, host names once looked up (on a thread of their own). */
    private static void addMagnetPeers(MetadataFetch fetch, MagnetLink link) {
        fetch.addPeers(link.peers().stream().filter(peer -> !peer.isUnresolved()).toList(), "magnet");
        List<InetSocketAddress> named = link.peers().stream().filter(InetSocketAddress::isUnresolved).toList();
        if (!named.isEmpty()) {
            Thread.ofVirtual().name("resolve " + fetch.shortId()).start(() -> named.forEach(peer -> {
                var resolved = new InetSocketAddress(peer.getHostString(), peer.getPort());
                if (resolved.isUnresolved()) {
                    log.warn("{}: the magnet link's peer {} cannot be found: its host name does not resolve",
                            fetch.shortId(), peer.getHostString());
                } else {
                    fetch.addPeers(List.of(resolved), "magnet");
                }
            }));
        }
    }

    /**
     * A magnet torrent's metadata arrived, verified (on a thread of its own): it is saved as a .torrent, and the
     * torrent takes over from the fetch. Metadata that matches the info-hash but is no usable torrent, or a download
     * directory that cannot be used, stops the fetch with the reason.
     */
    private void metadataArrived(Handle handle, MagnetLink link, byte[] info) {
        MetadataFetch fetch = handle.fetch().orElseThrow();
        Metainfo metainfo;
        try {
            metainfo = MetainfoParser.parseInfo(info, link.announceTiers(), "the metadata of " + handle.id());
        } catch (MetainfoException e) {
            fetch.fail(e.getMessage());
            return;
        }
        lock.lock();
        try {
            if (torrents.get(link.infoHash()) != handle) {
                return; // removed meanwhile
            }
            try {
                handle.saved().saveMetainfo(TorrentFileWriter.write(info, link.announceTiers(),
                        "Piecewise " + Piecewise.version(), Instant.now()));
            } catch (IOException e) {
                log.warn("{}: cannot save the metadata in {}: {}; the torrent runs, but a restart fetches the "
                        + "metadata again", handle.id(), handle.saved().folder(), e.getMessage());
            }
            handle.becomeTorrent(metainfo, (strategy, choking) -> newTorrent(metainfo, handle.saved(), strategy,
                    choking, handle.link()));
            log.info("{} {}: the metadata is known; {} bytes in {} files", handle.id(), metainfo.name(),
                    metainfo.totalLength(), metainfo.files().size());
        } catch (PiecewiseException e) {
            fetch.fail(e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** A torrent's runtime over its storage, registered with the node (replacing its fetch, if any), not started. */
    private Torrent newTorrent(Metainfo metainfo, SavedTorrent saved, StrategySelection strategy,
                               ChokingSelection choking, TrackerLink link) {
        TorrentData store;
        try {
            store = TorrentData.open(metainfo, saved.directory(), saved.resume());
        } catch (StorageException e) {
            throw new PiecewiseException("cannot use " + saved.directory() + " for " + metainfo.name() + ": "
                    + e.getMessage(), e);
        }
        RandomGenerator random = RandomGenerator.getDefault();
        var torrent = new Torrent(node.context(), metainfo.infoHash(), metainfo.name(),
                new PieceGeometry(metainfo.totalLength(), metainfo.pieceLength()), store, strategy.create(random),
                strategy.label(), choking.create(random), choking.spec(), choking.origins(), link,
                Extensions.of(metainfo));
        node.register(torrent);
        return torrent;
    }

    private Announcer newAnnouncer(InfoHash infoHash, List<List<String>> tiers, Handle handle) {
        return new Announcer(new AnnounceIdentity(infoHash, node.peerId().bytes(), port(), announceKey), tiers,
                transports, handle.figures(),
                peers -> handle.host().addPeers(peers.stream().map(PeerAddress::address).toList(), "tracker"),
                Scheduler.of(node.timer(), Clock.systemUTC()), new Random(), AnnouncerSettings.defaults());
    }

    /** Restores the torrents saved in the data directory, in the order they were added. */
    private void restore() {
        if (!Files.isDirectory(torrentsRoot)) {
            return;
        }
        List<SavedTorrent> saved = new ArrayList<>();
        try (var folders = Files.list(torrentsRoot)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                try {
                    saved.add(SavedTorrent.load(folder));
                } catch (IOException e) {
                    log.warn("skipping the saved torrent in {}: {}", folder, e.getMessage());
                }
            }
        } catch (IOException e) {
            log.warn("cannot list the saved torrents in {}: {}", torrentsRoot, e.getMessage());
            return;
        }
        saved.sort(Comparator.comparingLong(SavedTorrent::added));
        for (SavedTorrent torrent : saved) {
            try {
                restore(torrent);
            } catch (RuntimeException | IOException | MetainfoException | MagnetException e) {
                log.warn("cannot restore the torrent saved in {}: {}", torrent.folder(), e.getMessage());
            }
        }
    }

    private void restore(SavedTorrent saved) throws IOException, MetainfoException, MagnetException {
        Handle handle;
        if (saved.hasMetainfo()) {
            Metainfo metainfo = MetainfoParser.parse(Files.readAllBytes(saved.metainfo()),
                    saved.metainfo().toString());
            handle = open(metainfo, saved, savedStrategy(saved), savedChoking(saved));
        } else {
            MagnetLink link = MagnetLink.parse(Files.readString(saved.magnet(), StandardCharsets.UTF_8));
            handle = openMagnet(link, saved, savedStrategy(saved), savedChoking(saved));
        }
        torrents.put(handle.infoHash(), handle);
        if (!saved.paused()) {
            handle.start();
        }
    }

    /** The saved strategy, or the default if its plugin is gone (with a warning). */
    private StrategySelection savedStrategy(SavedTorrent saved) {
        try {
            return selections.strategyFor(saved.strategy(), saved.strategyOptions());
        } catch (PiecewiseException e) {
            log.warn("torrent saved in {}: {}; using the default strategy", saved.folder(), e.getMessage());
            return selections.strategy();
        }
    }

    /** The saved choking policy, or the default if its plugin is gone (with a warning). */
    private ChokingSelection savedChoking(SavedTorrent saved) {
        try {
            return selections.chokingFor(saved.choking(), saved.chokingOptions());
        } catch (PiecewiseException e) {
            log.warn("torrent saved in {}: {}; using the default choking policy", saved.folder(), e.getMessage());
            return selections.choking();
        }
    }
}
