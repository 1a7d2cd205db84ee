package dev.piecewise.core.engine;

import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.TorrentSource;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Whole clients in one JVM for engine tests, with the {@link WorkingPlugins} so that they really download. */
final class Clients {

    private Clients() {
    }

    /** A client on 127.0.0.1 keeping its state in {@code root/name}. */
    static Client start(Path root, String name) {
        return Piecewise.start(new ClientConfig(root.resolve(name), WorkingPlugins.install(root.resolve("plugins")),
                InetAddress.getLoopbackAddress(), 0));
    }

    /** Adding {@code source} into {@code directory} with the working strategy and choking policy. */
    static AddTorrent add(TorrentSource source, Path directory) {
        return new AddTorrent(source, directory, Optional.of(WorkingPlugins.STRATEGY), Map.of(),
                Optional.of(WorkingPlugins.CHOKING), Map.of());
    }
}
