package dev.piecewise.fuzz;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fuzz JVMs' name resolver (registered as a service, so {@link InetAddress} uses it): it never resolves
 * anything and records every host name it is asked for. Nothing a stranger sends may make Piecewise look up a
 * name (a DNS query leaks what it is doing, and a slow one stalls the caller), so targets check that their input
 * caused no lookup; literal addresses never reach a resolver.
 */
public final class NameLookups extends InetAddressResolverProvider {

    private static final List<String> ASKED = new ArrayList<>();

    /** Forgets the lookups recorded so far. */
    public static synchronized void clear() {
        ASKED.clear();
    }

    /** The host names looked up since the last {@link #clear()}, by name or by address. */
    public static synchronized List<String> asked() {
        return List.copyOf(ASKED);
    }

    private static synchronized void record(String name) {
        ASKED.add(name);
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                record(host);
                throw new UnknownHostException(host + ": no name lookups while fuzzing");
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                record(java.util.HexFormat.of().formatHex(address));
                throw new UnknownHostException("no reverse lookups while fuzzing");
            }
        };
    }

    @Override
    public String name() {
        return "fuzzing: no lookups";
    }
}
