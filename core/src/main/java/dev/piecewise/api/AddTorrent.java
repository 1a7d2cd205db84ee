package dev.piecewise.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to add and how.
 *
 * @param source          a path to a .torrent file
 * @param directory       where to download to (the torrent's name is created inside it)
 * @param strategy        the strategy spec, if not the client's default
 * @param strategyOptions options for the strategy as key=value
 * @param choking         the choking policy id, if not the client's default
 * @param chokingOptions  options for the policy as key=value
 */
public record AddTorrent(Path source, Path directory, Optional<String> strategy, Map<String, String> strategyOptions,
                         Optional<String> choking, Map<String, String> chokingOptions) {

    public AddTorrent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(choking, "choking");
        strategyOptions = Map.copyOf(strategyOptions);
        chokingOptions = Map.copyOf(chokingOptions);
    }

    /** A torrent file into a directory, with the client's default strategy and policy. */
    public static AddTorrent of(Path torrentFile, Path directory) {
        return new AddTorrent(torrentFile, directory, Optional.empty(), Map.of(), Optional.empty(), Map.of());
    }
}
