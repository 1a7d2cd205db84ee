package dev.piecewise.plugin.trackerudp;

import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.tracker.TrackerTransport;
import dev.piecewise.spi.tracker.TrackerTransportProvider;
import dev.piecewise.spi.tracker.TransportContext;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Provides the UDP tracker transport (BEP 15) for {@code udp://} announce URLs. */
public final class UdpTrackerProvider implements TrackerTransportProvider {

    static final String RETRY_BASE = "retry-base";
    static final String RETRIES = "retries";

    @Override
    public String id() {
        return "udp";
    }

    @Override
    public String description() {
        return "UDP trackers (BEP 15): connect, announce and scrape with retransmission";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("udp");
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.duration(RETRY_BASE, Duration.ofSeconds(15), Duration.ofMillis(10), Duration.ofSeconds(60),
                        "wait for an answer before the first retransmission; doubles after each (BEP 15: 15s)"),
                OptionSpec.integer(RETRIES, 8, 0, 8,
                        "retransmissions before a tracker counts as unreachable (BEP 15: 8)"));
    }

    @Override
    public TrackerTransport create(TransportContext context) {
        var options = context.options();
        var retry = new Retransmission(options.duration(RETRY_BASE), (int) options.integer(RETRIES));
        return new UdpTrackerTransport(retry, context.bindAddress(), System::nanoTime);
    }
}
