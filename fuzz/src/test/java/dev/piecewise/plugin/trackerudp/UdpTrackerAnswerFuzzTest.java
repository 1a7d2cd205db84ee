package dev.piecewise.plugin.trackerudp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.piecewise.api.InfoHash;
import dev.piecewise.spi.tracker.AnnounceResponse;
import dev.piecewise.spi.tracker.ScrapeResponse;
import dev.piecewise.spi.tracker.TrackerException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A UDP tracker's reply datagram (BEP 15), read as the transport reads the reply to one of its requests: packets
 * shorter than a header are ignored, an error packet is a refusal, another action is malformed, and otherwise the
 * answer to a connect, an announce (over IPv4 or IPv6) or a scrape is read. Only a {@link TrackerException} may come
 * out; what is read must be usable as it is.
 *
 * <p>Input layout: one byte choosing the request (modulo 4: connect, announce over IPv4, announce over IPv6,
 * scrape), one byte for how many torrents a scrape asked about (modulo 74, plus one), then the datagram.
 */
class UdpTrackerAnswerFuzzTest {

    @FuzzTest
    void reply(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int request = (input[0] & 0xff) % 4;
        int torrents = (input[1] & 0xff) % UdpMessages.MAX_SCRAPE_HASHES + 1;
        ByteBuffer datagram = ByteBuffer.wrap(input, 2, input.length - 2).slice();
        if (!UdpMessages.hasHeader(datagram)) {
            return;
        }
        try {
            switch (request) {
                case 0 -> UdpMessages.connectionId(UdpMessages.answering(UdpMessages.CONNECT, datagram));
                case 1, 2 -> checkAnnounce(UdpMessages.announceResponse(
                        UdpMessages.answering(UdpMessages.ANNOUNCE, datagram), request == 2), datagram, request == 2);
                default -> checkScrape(UdpMessages.scrapeResponse(
                        UdpMessages.answering(UdpMessages.SCRAPE, datagram), hashes(torrents)), torrents);
            }
        } catch (TrackerException refused) {
            assertFalse(refused.getMessage().isBlank(), "a refusal says why");
        }
    }

    private static void checkAnnounce(AnnounceResponse answer, ByteBuffer datagram, boolean ipv6) {
        assertFalse(answer.interval().isNegative());
        assertTrue(answer.seeders().getAsInt() >= 0 && answer.leechers().getAsInt() >= 0);
        assertEquals((datagram.remaining() - 20) / (ipv6 ? 18 : 6), answer.peers().size(), "one peer per entry");
        answer.peers().forEach(peer -> assertFalse(peer.address().isUnresolved()));
    }

    private static void checkScrape(ScrapeResponse answer, int torrents) {
        assertEquals(torrents, answer.torrents().size(), "counts for each torrent asked about");
        answer.torrents().values().forEach(counts -> assertTrue(
                counts.seeders() >= 0 && counts.completed() >= 0 && counts.leechers() >= 0, counts.toString()));
    }

    private static List<InfoHash> hashes(int count) {
        List<InfoHash> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] hash = new byte[InfoHash.LENGTH];
            hash[0] = (byte) i;
            hashes.add(InfoHash.of(hash));
        }
        return hashes;
    }
}
