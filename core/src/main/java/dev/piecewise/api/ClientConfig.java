package dev.piecewise.api;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a client is started.
 *
 * @param dataDir     where the client keeps its state (torrents, resume data, logs)
 * @param pluginsDir  the folder of plugin jars, built-in ones included
 * @param bindAddress the local address to listen on and connect from
 * @param port        the TCP port to listen on for peers; 0 picks any free port
 */
public record ClientConfig(Path dataDir, Path pluginsDir, InetAddress bindAddress, int port) {

    public ClientConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
        }
    }
}
