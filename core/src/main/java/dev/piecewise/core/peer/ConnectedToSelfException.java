package dev.piecewise.core.peer;

import java.io.IOException;

/**
 * The peer answered with our own peer id: we dialled our own listen port (trackers such as opentracker return a
 * client's own address). Not an error; the address is simply not a peer.
 */
public final class ConnectedToSelfException extends IOException {

    public ConnectedToSelfException() {
        super("connected to ourselves");
    }
}
