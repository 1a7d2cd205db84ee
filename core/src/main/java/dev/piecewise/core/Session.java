package dev.piecewise.core;

import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.Plugins;
import dev.piecewise.api.Selection;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TrackerServer;
import dev.piecewise.core.engine.Engine;
import dev.piecewise.core.engine.EngineSettings;
import dev.piecewise.core.plugin.DefaultSelections;
import dev.piecewise.core.plugin.PluginRegistry;
import dev.piecewise.core.plugin.TrackerTransports;
import dev.piecewise.core.tracker.server.EmbeddedTrackerSettings;
import dev.piecewise.core.tracker.server.TrackerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The running client behind {@link Client}: wires the plugins, the defaults and the engine together. */
public final class Session implements Client {

    private static final Logger log = LoggerFactory.getLogger(Session.class);
    /** Where, under the data directory, the private copies of plugin jars live while clients run. */
    private static final String PLUGIN_COPIES = "plugin-copies";
    /** The default strategy and choking policy the user picked, kept across restarts. */
    private static final String DEFAULT_PICKS = "defaults.properties";

    private final PluginRegistry plugins;
    private final DefaultSelections defaults;
    private final TrackerTransports transports;
    private final Engine engine;
    private final TrackerService tracker = new TrackerService(EmbeddedTrackerSettings.defaults(), Clock.systemUTC());
    private final AtomicBoolean closed = new AtomicBoolean();

    private Session(PluginRegistry plugins, ClientConfig config) {
        this.plugins = plugins;
        this.defaults = new DefaultSelections(plugins, config.dataDir().resolve(DEFAULT_PICKS));
        this.transports = new TrackerTransports(plugins,
                config.bindAddress().isAnyLocalAddress() ? Optional.empty() : Optional.of(config.bindAddress()),
                "Piecewise/" + Piecewise.version());
        try {
            this.engine = Engine.start(config, EngineSettings.DEFAULT, defaults, transports);
        } catch (RuntimeException e) {
            transports.close();
            throw e;
        }
    }

    /**
     * Starts a client: loads the plugins of {@link ClientConfig#pluginsDir()}, logging each problem as one warning,
     * opens the listen port and restores the saved torrents.
     *
     * @throws PiecewiseException when the data directory cannot be used or the port cannot be opened
     */
    public static Session start(ClientConfig config) {
        Path copies = config.dataDir().resolve(PLUGIN_COPIES);
        PluginRegistry registry;
        try {
            Files.createDirectories(config.dataDir());
            registry = PluginRegistry.open(config.pluginsDir(), copies, coreLayer());
        } catch (IOException e) {
            throw new PiecewiseException("cannot use the data directory " + config.dataDir() + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
        registry.problems().forEach(problem -> log.warn("plugin {}", problem));
        try {
            return new Session(registry, config);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    /** The layer plugins resolve against: the core's, or the boot layer when the core runs on the class path. */
    private static ModuleLayer coreLayer() {
        ModuleLayer layer = Session.class.getModule().getLayer();
        return layer != null ? layer : ModuleLayer.boot();
    }

    @Override
    public Plugins plugins() {
        return plugins;
    }

    @Override
    public Selection defaultStrategy() {
        return defaults.strategy().selection();
    }

    @Override
    public Selection setDefaultStrategy(String spec, Map<String, String> options) {
        return defaults.setStrategy(spec, options).selection();
    }

    @Override
    public Selection defaultChoking() {
        return defaults.choking().selection();
    }

    @Override
    public Selection setDefaultChoking(String id, Map<String, String> options) {
        return defaults.setChoking(id, options).selection();
    }

    @Override
    public int port() {
        return engine.port();
    }

    @Override
    public TorrentHandle add(AddTorrent request) {
        return engine.add(request);
    }

    @Override
    public List<TorrentHandle> torrents() {
        return engine.torrents();
    }

    @Override
    public TorrentHandle torrent(String idPrefix) {
        return engine.torrent(idPrefix);
    }

    @Override
    public void remove(String idPrefix, boolean deleteData) {
        engine.remove(idPrefix, deleteData);
    }

    @Override
    public TrackerServer startTracker(int port) {
        return tracker.start(port);
    }

    @Override
    public Optional<TrackerServer> tracker() {
        return tracker.current();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            engine.close();
            transports.close();
            tracker.close();
            plugins.close();
        }
    }
}
