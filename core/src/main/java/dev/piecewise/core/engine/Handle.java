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
import dev.piecewise.core.tracker.Announcer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/** The API's view of one torrent: its runtime, its announcer, what is saved of it, and its plugin choices. */
final class Handle implements TorrentHandle {

    private static final Logger log = LoggerFactory.getLogger(Handle.class);

    private final Metainfo metainfo;
    final Torrent torrent;
    final Announcer announcer;
    private final TrackerLink link;
    private final DefaultSelections selections;
    private final ReentrantLock changing = new ReentrantLock();
    private volatile SavedTorrent saved;
    private volatile StrategySelection strategy;
    private volatile ChokingSelection choking;

    Handle(Metainfo metainfo, Torrent torrent, Announcer announcer, TrackerLink link, DefaultSelections selections,
           SavedTorrent saved, StrategySelection strategy, ChokingSelection choking) {
        this.metainfo = metainfo;
        this.torrent = torrent;
        this.announcer = announcer;
        this.link = link;
        this.selections = selections;
        this.saved = saved;
        this.strategy = strategy;
        this.choking = choking;
    }

    TrackerLink link() {
        return link;
    }

    SavedTorrent saved() {
        return saved;
    }

    Metainfo metainfo() {
        return metainfo;
    }

    @Override
    public String id() {
        return torrent.shortId();
    }

    @Override
    public InfoHash infoHash() {
        return metainfo.infoHash();
    }

    @Override
    public String name() {
        return metainfo.name();
    }

    @Override
    public TorrentStatus status() {
        return torrent.status(strategy.selection(), choking.selection());
    }

    @Override
    public List<PeerSnapshot> peers() {
        return torrent.peers();
    }

    @Override
    public List<FileSnapshot> files() {
        BitSet verified = torrent.verifiedPieces();
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
        torrent.connect(peer);
    }

    @Override
    public void pause() {
        torrent.pause();
        persist(saved.withPaused(true));
    }

    @Override
    public void resume() {
        persist(saved.withPaused(false));
        torrent.resume();
    }

    @Override
    public Selection setStrategy(String spec, Map<String, String> options) {
        changing.lock();
        try {
            StrategySelection chosen = selections.strategyFor(Optional.of(spec), options);
            torrent.setStrategy(chosen.create(RandomGenerator.getDefault()), chosen.label());
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
            torrent.setChoking(chosen.create(RandomGenerator.getDefault()), chosen.spec(), chosen.origins());
            choking = chosen;
            persist(saved.withChoking(chosen.spec(), options));
            return chosen.selection();
        } finally {
            changing.unlock();
        }
    }

    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return torrent.awaitCompletion(timeout);
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
        return torrent.toString();
    }
}
