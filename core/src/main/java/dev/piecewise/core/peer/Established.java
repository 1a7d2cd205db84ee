package dev.piecewise.core.peer;

import dev.piecewise.core.wire.Handshake;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * A connection whose handshake is done: the peer wants our torrent and is not ourselves.
 *
 * @param address  the peer's address: where we dialled, or where it connected from
 * @param incoming whether it connected to us
 * @param remote   the peer's handshake
 */
public record Established(SocketChannel channel, InetSocketAddress address, boolean incoming, Handshake remote) {

    /** Whether both sides set the fast extension bit. */
    public boolean fast() {
        return remote.fast();
    }

    /** Whether both sides set the extension protocol bit. */
    public boolean extensionProtocol() {
        return remote.extensionProtocol();
    }
}
