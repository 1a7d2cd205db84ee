package dev.piecewise.spi.tracker;

import dev.piecewise.spi.Options;

import java.net.InetAddress;
import java.util.Optional;

/** What a transport gets when it is created. */
public interface TransportContext {

    /** The options the user set, checked against {@link TrackerTransportProvider#options()}. */
    Options options();

    /** The local address to send from, when the user bound the client to one. */
    Optional<InetAddress> bindAddress();

    /** The client's name and version for protocols that send one (HTTP User-Agent), e.g. {@code Piecewise/0.1.0}. */
    String userAgent();
}
