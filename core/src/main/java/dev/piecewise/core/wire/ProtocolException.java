package dev.piecewise.core.wire;

import java.io.IOException;

/**
 * A peer broke the wire protocol (a length, an index, a message it may not send). The connection it came from is
 * dropped; nothing else is affected.
 */
public final class ProtocolException extends IOException {

    public ProtocolException(String message) {
        super(message);
    }
}
