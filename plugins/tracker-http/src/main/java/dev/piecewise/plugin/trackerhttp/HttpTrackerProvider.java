package dev.piecewise.plugin.trackerhttp;

import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.tracker.TrackerTransport;
import dev.piecewise.spi.tracker.TrackerTransportProvider;
import dev.piecewise.spi.tracker.TransportContext;

import java.util.List;
import java.util.Set;

/** Provides the HTTP tracker transport for {@code http://} and {@code https://} announce URLs. */
public final class HttpTrackerProvider implements TrackerTransportProvider {

    static final String MAX_ANSWER_KIB = "max-answer-kib";
    static final String MAX_REDIRECTS = "max-redirects";

    @Override
    public String id() {
        return "http";
    }

    @Override
    public String description() {
        return "HTTP and HTTPS trackers (BEP 3): compact and dictionary peers, IPv6 peers, scrape";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.integer(MAX_ANSWER_KIB, 1024, 1, 65_536,
                        "the largest answer read from a tracker, in KiB; a longer one is cut off as malformed"),
                OptionSpec.integer(MAX_REDIRECTS, 5, 0, 20, "redirects followed before a tracker counts as unreachable"));
    }

    @Override
    public TrackerTransport create(TransportContext context) {
        var options = context.options();
        var limits = new HttpLimits((int) options.integer(MAX_ANSWER_KIB) * 1024, (int) options.integer(MAX_REDIRECTS));
        return new HttpTrackerTransport(limits, context.userAgent(), context.bindAddress());
    }
}
