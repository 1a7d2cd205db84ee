package dev.piecewise.spi.tracker;

import dev.piecewise.api.InfoHash;

import java.net.URI;
import java.util.List;

/**
 * Speaks one tracker protocol for a whole session (it may cache per-tracker state such as a UDP connection id).
 * Methods may be called from several threads at once. They block until the tracker answers or fails, and must return
 * promptly with {@link InterruptedException} when the calling thread is interrupted.
 */
public interface TrackerTransport extends AutoCloseable {

    /**
     * Announces to {@link AnnounceRequest#tracker()}.
     *
     * @throws TrackerException when the tracker refuses (its failure reason) or cannot be reached or understood
     */
    AnnounceResponse announce(AnnounceRequest request) throws TrackerException, InterruptedException;

    /** Whether {@link #scrape} can work for this announce URL (BEP 48: an HTTP announce path ending in "announce"). */
    boolean canScrape(URI announce);

    /**
     * Scrapes the tracker behind an announce URL for the given torrents; torrents the tracker does not know are
     * absent from the answer.
     *
     * @throws TrackerException when the tracker refuses, cannot be reached or answers garbage, or cannot scrape
     */
    ScrapeResponse scrape(URI announce, List<InfoHash> torrents) throws TrackerException, InterruptedException;

    /** Releases sockets and threads; called once when the session ends. */
    @Override
    void close();
}
