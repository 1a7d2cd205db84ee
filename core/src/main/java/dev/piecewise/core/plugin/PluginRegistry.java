package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.PluginInfo;
import dev.piecewise.api.PluginKind;
import dev.piecewise.api.PluginProblem;
import dev.piecewise.api.Plugins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The plugins of a plugins folder: every {@code *.jar} in it (in file-name order) loaded from a private copy into a
 * module layer of its own. A jar that cannot be used, or a provider in it, becomes one {@link PluginProblem}; every
 * other plugin still loads.
 *
 * <p>Lookups read the latest {@link PluginCatalog} without locking; scans are serialized. A reload keeps the layers of
 * unchanged jars (same size, modification time and content hash), makes new layers for new and changed jars, and
 * drops the layers of removed ones: they are collected once no torrent uses their instances any more.
 */
public final class PluginRegistry implements Plugins, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);

    private final Path folder;
    private final PluginCopies copies;
    private final LayerLoader layers;
    private final ReentrantLock scanning = new ReentrantLock();
    private final List<Consumer<PluginCatalog>> reloadListeners = new CopyOnWriteArrayList<>();
    /** The loaded jars by file name; guarded by {@link #scanning}. */
    private Map<String, LoadedJar> jars = Map.of();
    /** Guarded by {@link #scanning}. */
    private boolean closed;
    private volatile PluginCatalog catalog = PluginCatalog.EMPTY;

    private PluginRegistry(Path folder, PluginCopies copies, LayerLoader layers) {
        this.folder = folder;
        this.copies = copies;
        this.layers = layers;
    }

    /**
     * Loads the plugins of {@code folder}.
     *
     * @param copiesRoot where private copies of the jars go (shared safely by several clients)
     * @param parent     the layer the core is in: plugins resolve against it
     * @throws IOException when {@code copiesRoot} cannot be used
     */
    public static PluginRegistry open(Path folder, Path copiesRoot, ModuleLayer parent) throws IOException {
        PluginRegistry registry = new PluginRegistry(folder, PluginCopies.open(copiesRoot), new LayerLoader(parent));
        registry.reload();
        return registry;
    }

    /** The folder this registry scans. */
    public Path folder() {
        return folder;
    }

    /** What the latest scan found. */
    public PluginCatalog catalog() {
        return catalog;
    }

    /**
     * Calls {@code listener} with the new catalog after every reload, on the reloading thread, one reload at a time.
     * A listener must not reload.
     */
    public void onReload(Consumer<PluginCatalog> listener) {
        reloadListeners.add(listener);
    }

    @Override
    public List<PluginInfo> list() {
        return catalog.list();
    }

    @Override
    public List<PluginInfo> list(PluginKind kind) {
        return catalog.list(kind);
    }

    @Override
    public List<PluginInfo> resolve(PluginKind kind, String spec) {
        PluginCatalog current = catalog;
        return Arrays.stream(spec.split("\\+", -1)).map(part -> current.find(kind, part).info()).toList();
    }

    @Override
    public List<PluginProblem> problems() {
        return catalog.problems();
    }

    /**
     * {@inheritDoc}
     *
     * @throws PiecewiseException when the client is closed
     */
    @Override
    public List<PluginProblem> reload() {
        scanning.lock();
        try {
            if (closed) {
                throw new PiecewiseException("the client is closed: its plugins cannot be reloaded");
            }
            PluginCatalog scanned = scan();
            catalog = scanned;
            // under the lock, so that listeners see the catalogs in the order they were made
            reloadListeners.forEach(listener -> listener.accept(scanned));
            return scanned.problems();
        } finally {
            scanning.unlock();
        }
    }

    /** Deletes the private copies. Loaded plugins keep working; nothing more is loaded. */
    @Override
    public void close() {
        scanning.lock();
        try {
            if (!closed) {
                closed = true;
                copies.close();
            }
        } finally {
            scanning.unlock();
        }
    }

    private PluginCatalog scan() {
        List<PluginProblem> problems = new ArrayList<>();
        Map<String, LoadedJar> loaded = new LinkedHashMap<>();
        Map<String, String> moduleOrigins = new HashMap<>();
        for (Path file : jarFiles(problems)) {
            String origin = file.getFileName().toString();
            try {
                LoadedJar jar = load(file, origin, moduleOrigins);
                loaded.put(origin, jar);
                moduleOrigins.put(jar.moduleName(), origin);
            } catch (PluginRejected e) {
                problems.add(new PluginProblem(origin, e.getMessage()));
                if (e.getCause() != null) {
                    log.info("{}: {}", origin, e.getMessage(), e.getCause());
                }
            }
        }
        for (LoadedJar old : jars.values()) {
            if (loaded.get(old.origin()) != old) {
                copies.discard(old.copy());
            }
        }
        jars = loaded;
        return PluginCatalog.of(loaded.values(), problems);
    }

    private List<Path> jarFiles(List<PluginProblem> problems) {
        if (!Files.isDirectory(folder)) {
            problems.add(new PluginProblem(folder.toString(), "the plugins folder does not exist"));
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            // exactly *.jar: the module system reads no other name as a jar
            return entries.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(new PluginProblem(folder.toString(), "the plugins folder cannot be read: " + e.getMessage()));
            log.info("cannot list {}", folder, e);
            return List.of();
        }
    }

    private LoadedJar load(Path file, String origin, Map<String, String> moduleOrigins) throws PluginRejected {
        PluginCopies.Copy copy;
        try {
            copy = copies.copy(file);
        } catch (IOException e) {
            throw new PluginRejected("cannot be copied: " + e.getMessage(), e);
        }
        LoadedJar previous = jars.get(origin);
        if (previous != null && previous.fingerprint().equals(copy.fingerprint())
                && !moduleOrigins.containsKey(previous.moduleName())) {
            copies.discard(copy.file());
            return previous;
        }
        try {
            ModuleReference module = layers.find(copy.file(), origin);
            String name = module.descriptor().name();
            String other = moduleOrigins.get(name);
            if (other != null) {
                throw new PluginRejected("module " + name + " is also in " + other + ", which wins; this jar is ignored");
            }
            ModuleLayer layer = layers.define(module, copy.file(), origin);
            ProviderReader.Result providers = ProviderReader.read(layer, origin);
            List<PluginProblem> problems = new ArrayList<>(providers.problems());
            if (providers.providers().isEmpty() && problems.isEmpty()) {
                problems.add(new PluginProblem(origin, "provides no strategy, choking policy or tracker transport"
                        + " (is a 'provides' clause missing from its module-info?)"));
            }
            return new LoadedJar(origin, copy.fingerprint(), copy.file(), layer, name, providers.providers(), problems);
        } catch (PluginRejected e) {
            copies.discard(copy.file());
            throw e;
        } catch (RuntimeException e) {
            copies.discard(copy.file());
            throw new PluginRejected("cannot be loaded: " + Failures.jdkMessage(e, copy.file(), origin), e);
        }
    }
}
