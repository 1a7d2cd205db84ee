package dev.piecewise.core.plugin;

import dev.piecewise.spi.Options;
import dev.piecewise.spi.tracker.TrackerTransport;
import dev.piecewise.spi.tracker.TrackerTransportProvider;
import dev.piecewise.spi.tracker.TransportContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The tracker transports of one session, by URL scheme: each provider's transport is created on first use and kept
 * until the session closes (after a reload, a new version of a provider gets a transport of its own; the old one is
 * closed with the session).
 */
public final class TrackerTransports implements Function<String, Optional<TrackerTransport>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrackerTransports.class);

    private final PluginRegistry registry;
    private final Optional<InetAddress> bindAddress;
    private final String userAgent;
    private final ReentrantLock lock = new ReentrantLock();
    /** By provider instance: a reloaded jar's provider is a new instance. Guarded by {@link #lock}. */
    private final Map<Object, TrackerTransport> created = new IdentityHashMap<>();
    private boolean closed;

    /**
     * @param bindAddress the address transports send from, when the client is bound to one
     * @param userAgent   the client's name and version, like {@code Piecewise/0.1.0}
     */
    public TrackerTransports(PluginRegistry registry, Optional<InetAddress> bindAddress, String userAgent) {
        this.registry = registry;
        this.bindAddress = bindAddress;
        this.userAgent = userAgent;
    }

    /**
     * The transport for an announce URL's scheme; empty when no plugin serves it or its provider failed to create one
     * (logged as a warning naming the plugin).
     */
    @Override
    public Optional<TrackerTransport> apply(String scheme) {
        Optional<LoadedProvider> found = registry.catalog().transportFor(scheme);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        LoadedProvider provider = found.get();
        lock.lock();
        try {
            if (closed) {
                return Optional.empty();
            }
            TrackerTransport transport = created.get(provider.provider());
            if (transport == null) {
                var context = new Context(Options.defaults(provider.options()), bindAddress, userAgent);
                transport = Components.instantiate(provider,
                        () -> provider.as(TrackerTransportProvider.class).create(context));
                created.put(provider.provider(), transport);
            }
            return Optional.of(transport);
        } catch (dev.piecewise.api.PiecewiseException e) {
            log.warn("no transport for {} URLs: {}", scheme, e.getMessage());
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Closes every transport created; a failing close is logged and the others still close. */
    @Override
    public void close() {
        List<TrackerTransport> transports;
        lock.lock();
        try {
            closed = true;
            transports = new ArrayList<>(created.values());
            created.clear();
        } finally {
            lock.unlock();
        }
        for (TrackerTransport transport : transports) {
            try {
                transport.close();
            } catch (RuntimeException e) {
                log.warn("a tracker transport failed to close: {}", Failures.thrown(e), e);
            }
        }
    }

    private record Context(Options options, Optional<InetAddress> bindAddress, String userAgent)
            implements TransportContext {
    }
}
