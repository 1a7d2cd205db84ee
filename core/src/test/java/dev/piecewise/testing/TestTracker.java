package dev.piecewise.testing;

import java.net.URI;

/** A real tracker a test runs on 127.0.0.1: opentracker or Piecewise's embedded one. */
public interface TestTracker extends AutoCloseable {

    URI httpAnnounce();

    URI udpAnnounce();

    @Override
    void close() throws InterruptedException;
}
