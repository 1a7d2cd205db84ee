package dev.piecewise.testing;

import dev.piecewise.spi.OptionSpec;
import dev.piecewise.spi.Options;
import dev.piecewise.spi.tracker.TransportContext;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the core gives a transport provider, with options as a user would type them. */
public record TestTransportContext(Options options) implements TransportContext {

    public static TestTransportContext of(List<OptionSpec> specs, Map<String, String> typed) {
        return new TestTransportContext(Options.of(specs, typed));
    }

    @Override
    public Optional<InetAddress> bindAddress() {
        return Optional.empty();
    }

    @Override
    public String userAgent() {
        return "Piecewise/test";
    }
}
