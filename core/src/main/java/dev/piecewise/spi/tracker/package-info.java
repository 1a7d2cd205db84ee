/**
 * Tracker transports: how an announce or a scrape reaches a tracker.
 *
 * <p>A {@link dev.piecewise.spi.tracker.TrackerTransportProvider} serves the URL schemes it names ({@code http} and
 * {@code https}, {@code udp}, ...) and creates one {@link dev.piecewise.spi.tracker.TrackerTransport} per session. The
 * core decides when to announce, to which tracker of which tier, and what to do with the answer; a transport only
 * speaks the protocol. Unlike strategies, transports do I/O: their methods block and the core calls them on threads of
 * its own, with a deadline, and interrupts a call that overruns it.
 */
package dev.piecewise.spi.tracker;
