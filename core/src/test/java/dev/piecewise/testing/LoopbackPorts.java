package dev.piecewise.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on 127.0.0.1 for programs that must be told a port (they cannot pick one and say which). */
public final class LoopbackPorts {

    /** Below Linux's ephemeral range, so outgoing connections of other tests never take the port meanwhile. */
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;

    private LoopbackPorts() {
    }

    public static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    /** A port free for both TCP and UDP on 127.0.0.1 at the time of the call. */
    public static int freeTcpAndUdp() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            try (var tcp = new ServerSocket(port, 1, loopback());
                 var udp = new DatagramSocket(new InetSocketAddress(loopback(), port))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no port from " + FIRST + " to " + LAST + " is free for TCP and UDP");
    }
}
