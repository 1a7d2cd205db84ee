package dev.piecewise.core;

import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.PiecewiseException;

/** The running client behind {@link Client}. */
public final class Session {

    private Session() {
    }

    public static Client start(ClientConfig config) {
        throw new PiecewiseException("the engine is not built yet");
    }
}
