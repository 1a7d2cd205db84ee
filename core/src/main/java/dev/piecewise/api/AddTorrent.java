package dev.piecewise.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to add and how.
 *
 * @param source          a .torrent file or a magnet link
 * @param directory       where to download to (the torrent's name is created inside it)
 * @param strategy        the strategy spec, if not the client's default
 * @param strategyOptions options for the strategy as key=value
 * @param choking         the choking policy id, if not the client's default
 * @param chokingOptions  options for the policy as key=value
 */
public record AddTorrent(TorrentSource source, Path directory, Optional<String> strategy,
                         Map<String, String> strategyOptions, Optional<String> choking,
                         Map<String, String> chokingOptions) {

    public AddTorrent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(choking, "choking");
        strategyOptions = Map.copyOf(strategyOptions);
        chokingOptions = Map.copyOf(chokingOptions);
    }

    /** A .torrent file, with the given strategy and policy choices. */
    public AddTorrent(Path torrentFile, Path directory, Optional<String> strategy, Map<String, String> strategyOptions,
                      Optional<String> choking, Map<String, String> chokingOptions) {
        this(new TorrentSource.File(torrentFile), directory, strategy, strategyOptions, choking, chokingOptions);
    }

    /** A .torrent file into a directory, with the client's default strategy and policy. */
    public static AddTorrent of(Path torrentFile, Path directory) {
        return of(new TorrentSource.File(torrentFile), directory);
    }

    /** A torrent file or magnet link into a directory, with the client's default strategy and policy. */
    public static AddTorrent of(TorrentSource source, Path directory) {
        return new AddTorrent(source, directory, Optional.empty(), Map.of(), Optional.empty(), Map.of());
    }
}
