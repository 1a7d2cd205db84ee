package dev.piecewise.spi.tracker;

import dev.piecewise.api.InfoHash;

import java.util.Map;

/** A tracker's scrape answer: counts per torrent it knows. */
public record ScrapeResponse(Map<InfoHash, Counts> torrents) {

    /**
     * @param seeders    peers with the whole torrent (complete)
     * @param completed  how many times the torrent was downloaded to completion (downloaded)
     * @param leechers   peers still downloading (incomplete)
     */
    public record Counts(int seeders, int completed, int leechers) {
    }

    public ScrapeResponse {
        torrents = Map.copyOf(torrents);
    }
}
