package dev.piecewise.api;

import java.util.List;
import java.util.Optional;

/**
 * A running Piecewise client: its plugins, its torrents and the defaults new torrents get. Methods are safe to call
 * from any thread. Every failure a user can cause is a {@link PiecewiseException} with a message meant for the user.
 */
public interface Client extends AutoCloseable {

    /** The TCP port the client accepts peer connections on. */
    int port();

    /** The plugins found in the plugins folder. */
    Plugins plugins();

    /**
     * Adds a torrent and starts it (checking existing data first).
     *
     * @return the torrent's handle; its {@link TorrentHandle#id()} is the short id the shell prints
     * @throws PiecewiseException for an unreadable or invalid torrent, a duplicate, or an unknown strategy or policy
     */
    TorrentHandle add(AddTorrent request);

    /** The torrents, in the order they were added. */
    List<TorrentHandle> torrents();

    /**
     * The torrent whose id starts with {@code idPrefix}.
     *
     * @throws PiecewiseException when no torrent or more than one matches
     */
    TorrentHandle torrent(String idPrefix);

    /** Stops a torrent, tells its trackers, forgets it, and deletes its data when asked to. */
    void remove(String idPrefix, boolean deleteData);

    /** The strategy new torrents get, as a spec such as {@code rarest-first+end-game}. */
    Selection defaultStrategy();

    /**
     * Sets the strategy new torrents get.
     *
     * @param spec a strategy spec; unique prefixes are accepted ({@code rarest+end})
     * @throws PiecewiseException for an unknown or ambiguous id or an invalid option
     */
    Selection setDefaultStrategy(String spec, java.util.Map<String, String> options);

    /** The choking policy new torrents get. */
    Selection defaultChoking();

    /** Sets the choking policy new torrents get; unique prefixes are accepted. */
    Selection setDefaultChoking(String id, java.util.Map<String, String> options);

    /**
     * Starts the client's embedded tracker on 127.0.0.1, HTTP and UDP on the same port. A client runs at most one.
     *
     * @param port the port for both protocols; 0 picks one that is free for both
     * @throws PiecewiseException when the port is taken or a tracker already runs (the message names its port)
     */
    TrackerServer startTracker(int port);

    /** The embedded tracker, while it runs. */
    Optional<TrackerServer> tracker();

    /**
     * Compares piece-selection strategies on one torrent (see {@link CompareRequest}): runs each in the same swarm,
     * then computes the figures and writes the files asked for. Blocks until done, telling {@code listener} how it
     * goes; interrupting the calling thread stops it.
     *
     * @throws PiecewiseException for an unreadable torrent, an unknown or ambiguous strategy or policy, a swarm that
     *                            cannot be set up, an output file that cannot be written, or an interruption
     */
    CompareResult compare(CompareRequest request, CompareListener listener);

    /**
     * Sets up the demo: writes a sample payload and its torrent into the data directory (once), starts the embedded
     * tracker if none runs, and starts a few seeds of the sample in this process on 127.0.0.1, with upload caps so that
     * a download takes seconds and strategies can be watched. The seeds run until the client closes; calling this
     * again returns the running demo.
     *
     * @throws PiecewiseException when the files cannot be written or the tracker cannot start
     */
    DemoSwarm demo();

    /** Stops every torrent, tells the trackers, saves state and closes the listen port. */
    @Override
    void close();
}
