package dev.piecewise.plugin.trackerhttp;

import dev.piecewise.spi.tracker.AnnounceEvent;
import dev.piecewise.spi.tracker.AnnounceRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static dev.piecewise.testing.TrackerRequests.announce;
import static dev.piecewise.testing.TrackerRequests.infoHash;
import static dev.piecewise.testing.TrackerRequests.peerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackerUrlsTest {

    @Test
    void rawBytesArePercentEncodedExceptUnreservedCharacters() {
        byte[] bytes = {0, 'a', 'Z', '9', '-', '.', '_', '~', ' ', '%', '&', '=', '+', (byte) 0xff, (byte) 0x80};
        assertEquals("%00aZ9-._~%20%25%26%3D%2B%FF%80", TrackerUrls.percentEncode(bytes));
    }

    @Test
    void anAnnounceCarriesEveryBep3Parameter() {
        var request = new AnnounceRequest(URI.create("http://t.test:8080/announce"), infoHash(0xab), peerId("x"),
                6881, 10, 20, 30, AnnounceEvent.STARTED, 50, 0x0a0b0c0d, Optional.of("tid 1"));
        assertEquals("http://t.test:8080/announce?info_hash=" + "%AB".repeat(20)
                        + "&peer_id=-PW0100-x-----------&port=6881&uploaded=10&downloaded=20&left=30&compact=1"
                        + "&numwant=50&key=0a0b0c0d&event=started&trackerid=tid%201",
                TrackerUrls.announce(request).toString());
    }

    @Test
    void aRegularAnnounceHasNoEventAndKeepsThePasskeyQuery() {
        var request = announce(URI.create("https://t.test/announce?passkey=s3cret"), infoHash(1), "x", 1, 0,
                AnnounceEvent.NONE);
        String url = TrackerUrls.announce(request).toString();
        assertTrue(url.startsWith("https://t.test/announce?passkey=s3cret&info_hash=%01"), url);
        assertFalse(url.contains("event="), url);
    }

    @Test
    void theScrapeUrlReplacesAnnounceInTheLastSegment() {
        var torrents = List.of(infoHash(1), infoHash(2));
        String hashes = "info_hash=" + "%01".repeat(20) + "&info_hash=" + "%02".repeat(20);
        assertEquals("http://t.test/scrape?" + hashes,
                TrackerUrls.scrape(URI.create("http://t.test/announce"), torrents).orElseThrow().toString());
        assertEquals("http://t.test/x/scrape.php?" + hashes,
                TrackerUrls.scrape(URI.create("http://t.test/x/announce.php"), torrents).orElseThrow().toString());
        assertEquals("http://t.test/scrape?passkey=1&" + hashes,
                TrackerUrls.scrape(URI.create("http://t.test/announce?passkey=1"), torrents).orElseThrow()
                        .toString());
    }

    @Test
    void urlsWhoseLastSegmentIsNotAnnounceCannotBeScraped() {
        assertEquals(Optional.empty(), TrackerUrls.scrape(URI.create("http://t.test/a"), List.of()));
        assertEquals(Optional.empty(), TrackerUrls.scrape(URI.create("http://t.test/announce/x"), List.of()));
        assertEquals(Optional.empty(), TrackerUrls.scrape(URI.create("http://t.test"), List.of()));
    }
}
