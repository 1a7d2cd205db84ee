package dev.piecewise.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A torrent in a client. Handles stay valid after removal; their snapshots then show the state it ended in. */
public interface TorrentHandle {

    /** The short id users type: the first 8 hex digits of the info-hash. */
    String id();

    InfoHash infoHash();

    /** The torrent's name; for a magnet link whose metadata is not known yet, its {@code dn}, else the info-hash. */
    String name();

    /** A consistent snapshot of the torrent's state and figures. */
    TorrentStatus status();

    /** The connected peers now. */
    List<PeerSnapshot> peers();

    /** The files and how much of each we have (none while a magnet torrent's metadata is not known yet). */
    List<FileSnapshot> files();

    /** The trackers of every tier and their state. */
    List<TrackerSnapshot> trackers();

    /**
     * Connects to a peer now, whatever the torrent's peer cap and retry delays say (the user asked for it). Returns at
     * once; the peer shows in {@link #peers()} once its handshake is done. While the torrent checks its data or is paused,
     * the peer is remembered and dialled once the torrent runs.
     */
    void connect(InetSocketAddress peer);

    /**
     * Writes the torrent as a .torrent file: its info dictionary exactly as it is known (so the file's info-hash is the
     * torrent's) and its trackers. For a torrent added by magnet link, this is how to keep its metadata.
     *
     * @param overwrite whether an existing file may be replaced
     * @throws PiecewiseException while a magnet torrent's metadata is not known yet, when the file exists and may not
     *                            be replaced, or when it cannot be written
     */
    void saveTorrent(Path file, boolean overwrite);

    /** Stops transfers and closes the connections, keeping verified data and state. */
    void pause();

    /** Starts a paused or failed torrent again. */
    void resume();

    /**
     * Switches the strategy; takes effect at the next pick, and nothing already requested is lost.
     *
     * @throws PiecewiseException for an unknown or ambiguous spec or an invalid option
     */
    Selection setStrategy(String spec, Map<String, String> options);

    /** Switches the choking policy; takes effect at once. */
    Selection setChoking(String id, Map<String, String> options);

    /**
     * Blocks until the download is complete and verified, the torrent fails, or the timeout passes.
     *
     * @return {@code true} when complete
     * @throws PiecewiseException when the torrent is in an error state or was removed
     * @throws InterruptedException when the waiting thread is interrupted (Ctrl-C in the shell)
     */
    boolean awaitCompletion(Duration timeout) throws InterruptedException;
}
