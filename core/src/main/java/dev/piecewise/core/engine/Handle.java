package dev.piecewise.core.engine;

import dev.piecewise.api.FileSnapshot;
import dev.piecewise.api.InfoHash;
import dev.piecewise.api.PeerSnapshot;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.Selection;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentStatus;
import dev.piecewise.api.TrackerSnapshot;
import dev.piecewise.core.metainfo.FileLayout;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.TorrentFile;
import dev.piecewise.core.plugin.ChokingSelection;
import dev.piecewise.core.plugin.DefaultSelections;
import dev.piecewise.core.plugin.StrategySelection;
import dev.piecewise.core.metadata.MetadataMessage;
import dev.piecewise.core.storage.StorageException;
import dev.piecewise.core.tracker.Announcer;
import dev.piecewise.core.tracker.TransferFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/**
 * The API's view of one torrent: its runtime, its announcer, what is saved of it, and its plugin choices. A torrent
 * added by magnet link runs as a {@link MetadataFetch} until its metadata is known, then as a {@link Torrent}; one
 * announcer serves both.
 */
final class Handle implements TorrentHandle {

    private static final Logger log = LoggerFactory.getLogger(Handle.class);
    /** What trackers are told is left while the metadata is unknown: not 0, which would make us a seed to them. */
    private static final long LEFT_BEFORE_METADATA = MetadataMessage.PIECE_SIZE;

    private final InfoHash infoHash;
    private final TrackerLink link;
    private final DefaultSelections selections;
    /** Taken by changes of plugin choices and by the torrent taking over from the fetch: one at a time. */
    private final ReentrantLock changing = new ReentrantLock();
    /** Fetches the metadata of a torrent added by magnet link; {@code null} for one added from a file. */
    private final MetadataFetch fetch;
    private volatile Announcer announcer;
    private volatile SavedTorrent saved;
    private volatile StrategySelection strategy;
    private volatile ChokingSelection choking;
    /** Both {@code null} until a magnet torrent's metadata is known. */
    private volatile Metainfo metainfo;
    private volatile Torrent torrent;

    private Handle(InfoHash infoHash, TrackerLink link, DefaultSelections selections, SavedTorrent saved,
                   StrategySelection strategy, ChokingSelection choking, MetadataFetch fetch) {
        this.infoHash = infoHash;
        this.link = link;
        this.selections = selections;
        this.saved = saved;
        this.strategy = strategy;
        this.choking = choking;
        this.fetch = fetch;
    }

    /** A torrent whose metadata is known. */
    static Handle of(Metainfo metainfo, Torrent torrent, TrackerLink link, DefaultSelections selections,
                     SavedTorrent saved, StrategySelection strategy, ChokingSelection choking) {
        var handle = new Handle(metainfo.infoHash(), link, selections, saved, strategy, choking, null);
        handle.metainfo = metainfo;
        handle.torrent = torrent;
        return handle;
    }

    /** A torrent added by magnet link, fetching its metadata. */
    static Handle fetching(MetadataFetch fetch, TrackerLink link, DefaultSelections selections, SavedTorrent saved,
                           StrategySelection strategy, ChokingSelection choking) {
        return new Handle(fetch.infoHash(), link, selections, saved, strategy, choking, fetch);
    }

    /** Sets the announcer, once (it is made after the handle, whose figures and peer sink it uses). */
    void announceWith(Announcer announcer) {
        this.announcer = announcer;
        link.connect(announcer);
    }

    /**
     * The metadata is known: the torrent made by {@code make} (with the plugin choices in effect) takes over from the
     * fetch with the peers it knew, and starts unless the user paused it meanwhile.
     *
     * @throws PiecewiseException from {@code make}; the fetch then goes on as it was
     */
    void becomeTorrent(Metainfo known, BiFunction<StrategySelection, ChokingSelection, Torrent> make) {
        changing.lock();
        try {
            Torrent made = make.apply(strategy, choking);
            metainfo = known;
            torrent = made;
            fetch.handOver().forEach((address, source) -> made.addPeers(List.of(address), source));
            if (!saved.paused()) {
                made.start();
            }
        } finally {
            changing.unlock();
        }
    }

    /** What the session's listen port and timer serve now: the fetch, then the torrent. */
    PeerHost host() {
        Torrent current = torrent;
        return current != null ? current : fetch;
    }

    /** The torrent, once its metadata is known. */
    Optional<Torrent> torrent() {
        return Optional.ofNullable(torrent);
    }

    /** The fetch of a magnet torrent, while there is one. */
    Optional<MetadataFetch> fetch() {
        return torrent == null ? Optional.ofNullable(fetch) : Optional.empty();
    }

    void start() {
        Torrent current = torrent;
        if (current != null) {
            current.start();
        } else {
            fetch.start();
        }
    }

    /** Stops transfers for the session's close; what is saved says whether it was paused. */
    void stop() {
        Torrent current = torrent;
        if (current != null) {
            current.pause();
        } else {
            fetch.pause();
        }
    }

    void closeStorage() {
        Torrent current = torrent;
        if (current != null) {
            current.closeStorage();
        }
    }

    /** Stops for good; deletes the data when asked to. */
    void remove(boolean deleteData) throws StorageException {
        if (fetch != null) {
            fetch.remove();
        }
        Torrent current = torrent;
        if (current != null) {
            current.remove(deleteData);
        }
    }

    /** Payload figures for the trackers, from the torrent once there is one. */
    TransferFigures figures() {
        return new TransferFigures() {
            @Override
            public long uploaded() {
                Torrent current = torrent;
                return current == null ? 0 : current.figures().uploaded();
            }

            @Override
            public long downloaded() {
                Torrent current = torrent;
                return current == null ? 0 : current.figures().downloaded();
            }

            @Override
            public long left() {
                Torrent current = torrent;
                return current == null ? LEFT_BEFORE_METADATA : current.figures().left();
            }
        };
    }

    TrackerLink link() {
        return link;
    }

    SavedTorrent saved() {
        return saved;
    }

    @Override
    public String id() {
        return infoHash.hex().substring(0, 8);
    }

    @Override
    public InfoHash infoHash() {
        return infoHash;
    }

    @Override
    public String name() {
        Metainfo known = metainfo;
        return known != null ? known.name() : fetch.name();
    }

    @Override
    public TorrentStatus status() {
        Torrent current = torrent;
        return current != null ? current.status(strategy.selection(), choking.selection())
                : fetch.status(strategy.selection(), choking.selection());
    }

    @Override
    public List<PeerSnapshot> peers() {
        Torrent current = torrent;
        return current != null ? current.peers() : fetch.peers();
    }

    @Override
    public List<FileSnapshot> files() {
        Torrent current = torrent;
        if (current == null) {
            return List.of();
        }
        BitSet verified = current.verifiedPieces();
        FileLayout layout = metainfo.layout();
        var files = new ArrayList<FileSnapshot>();
        for (int i = 0; i < layout.files().size(); i++) {
            TorrentFile file = layout.files().get(i);
            if (file.pad()) {
                continue;
            }
            long bytes = 0;
            for (int piece = verified.nextSetBit(layout.firstPiece(i)); piece >= 0 && piece < layout.endPiece(i);
                 piece = verified.nextSetBit(piece + 1)) {
                long start = Math.max(file.offset(), layout.pieceOffset(piece));
                long end = Math.min(file.end(), layout.pieceOffset(piece) + layout.pieceLength(piece));
                bytes += end - start;
            }
            files.add(new FileSnapshot(file.relativePath(), file.length(), bytes));
        }
        return files;
    }

    @Override
    public List<TrackerSnapshot> trackers() {
        return announcer.snapshot();
    }

    @Override
    public void connect(InetSocketAddress peer) {
        host().connect(peer);
    }

    @Override
    public void saveTorrent(Path file, boolean overwrite) {
        if (metainfo == null) {
            throw new PiecewiseException("the metadata of " + id() + " is not known yet: it is still being fetched "
                    + "from peers");
        }
        if (!overwrite && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new PiecewiseException(file + " exists; choose another name, or replace it (--force)");
        }
        try {
            SavedTorrent.writeAtomically(file, Files.readAllBytes(saved.metainfo()));
        } catch (IOException e) {
            throw new PiecewiseException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void pause() {
        changing.lock();
        try {
            Torrent current = torrent;
            if (current != null) {
                current.pause();
            } else {
                fetch.pause();
            }
            persist(saved.withPaused(true));
        } finally {
            changing.unlock();
        }
    }

    @Override
    public void resume() {
        changing.lock();
        try {
            persist(saved.withPaused(false));
            Torrent current = torrent;
            if (current != null) {
                current.resume();
            } else {
                fetch.start();
            }
        } finally {
            changing.unlock();
        }
    }

    @Override
    public Selection setStrategy(String spec, Map<String, String> options) {
        changing.lock();
        try {
            StrategySelection chosen = selections.strategyFor(Optional.of(spec), options);
            Torrent current = torrent;
            if (current != null) {
                current.setStrategy(chosen.create(RandomGenerator.getDefault()), chosen.label());
            }
            strategy = chosen;
            persist(saved.withStrategy(chosen.spec(), options));
            return chosen.selection();
        } finally {
            changing.unlock();
        }
    }

    @Override
    public Selection setChoking(String id, Map<String, String> options) {
        changing.lock();
        try {
            ChokingSelection chosen = selections.chokingFor(Optional.of(id), options);
            Torrent current = torrent;
            if (current != null) {
                current.setChoking(chosen.create(RandomGenerator.getDefault()), chosen.spec(), chosen.origins());
            }
            choking = chosen;
            persist(saved.withChoking(chosen.spec(), options));
            return chosen.selection();
        } finally {
            changing.unlock();
        }
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (torrent == null && !fetch.awaitHandOver(timeout)) {
            return false;
        }
        return torrent.awaitCompletion(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    private void persist(SavedTorrent next) {
        changing.lock();
        try {
            saved = next;
            next.save();
        } catch (IOException e) {
            log.warn("{}: cannot save the torrent's settings in {}: {}", id(), next.folder(), e.getMessage(), e);
            throw new PiecewiseException("the change is in effect but could not be saved for the next start: "
                    + e.getMessage(), e);
        } finally {
            changing.unlock();
        }
    }

    @Override
    public String toString() {
        return host().toString();
    }
}
