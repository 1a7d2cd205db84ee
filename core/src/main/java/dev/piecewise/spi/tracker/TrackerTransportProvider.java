package dev.piecewise.spi.tracker;

import dev.piecewise.spi.PluginProvider;

import java.util.Set;

/** Creates the transport for the announce URL schemes it serves. */
public interface TrackerTransportProvider extends PluginProvider {

    /** The lowercase URL schemes served, for example {@code http} and {@code https}. No two providers share one. */
    Set<String> schemes();

    /** A transport for one session; closed when the session ends. */
    TrackerTransport create(TransportContext context);
}
