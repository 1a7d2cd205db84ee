package dev.piecewise.plugin.trackerhttp;

import dev.piecewise.spi.tracker.PeerAddress;
import dev.piecewise.spi.tracker.TrackerException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.piecewise.testing.TrackerRequests.infoHash;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpAnswersTest {

    /** Bencoding written by hand; each char below 256 is one byte. */
    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static TrackerException malformed(String answer) {
        var e = assertThrows(TrackerException.class, () -> HttpAnswers.announce(b(answer)));
        assertEquals(TrackerException.Reason.MALFORMED, e.reason(), e.getMessage());
        return e;
    }

    @Test
    void readsACompactAnswerWithEveryField() throws Exception {
        var answer = HttpAnswers.announce(b("d8:completei5e10:incompletei3e8:intervali1800e12:min intervali900e"
                + "5:peers12:\u007f\u0000\u0000\u0001\u001a\u00e1\n\u0000\u0000\u0002\u00ff\u00ff"
                + "10:tracker id3:abc15:warning message4:slowe"));
        assertEquals(Duration.ofMinutes(30), answer.interval());
        assertEquals(Optional.of(Duration.ofMinutes(15)), answer.minInterval());
        assertEquals(Optional.of("abc"), answer.trackerId());
        assertEquals(Optional.of("slow"), answer.warning());
        assertEquals(5, answer.seeders().getAsInt());
        assertEquals(3, answer.leechers().getAsInt());
        assertEquals(List.of(PeerAddress.of(new InetSocketAddress("127.0.0.1", 6881)),
                PeerAddress.of(new InetSocketAddress("10.0.0.2", 65535))), answer.peers());
    }

    @Test
    void readsIpv6PeersAlongsideIpv4Ones() throws Exception {
        String v6 = "\u0000".repeat(15) + "\u0001" + "\u001b\u0058";
        var answer = HttpAnswers.announce(b("d8:intervali60e5:peers6:\u007f\u0000\u0000\u0001\u0000\u0001"
                + "6:peers618:" + v6 + "e"));
        assertEquals(List.of(PeerAddress.of(new InetSocketAddress("127.0.0.1", 1)),
                PeerAddress.of(new InetSocketAddress("::1", 7000))), answer.peers());
    }

    @Test
    void readsTheDictionaryModelAndSkipsHostNames() throws Exception {
        String id = "ABCDEFGHIJKLMNOPQRST";
        var answer = HttpAnswers.announce(b("d8:intervali60e5:peersl"
                + "d2:ip9:127.0.0.17:peer id20:" + id + "4:porti6881ee"
                + "d2:ip16:tracker.test.org4:porti1ee"
                + "d2:ip3:::14:porti7000ee"
                + "ee"));
        assertEquals(2, answer.peers().size());
        assertEquals(new InetSocketAddress("127.0.0.1", 6881), answer.peers().get(0).address());
        assertArrayEquals(id.getBytes(StandardCharsets.US_ASCII), answer.peers().get(0).peerId().orElseThrow());
        assertEquals(new InetSocketAddress("::1", 7000), answer.peers().get(1).address());
    }

    @Test
    void acceptsUnsortedKeysAndAMissingInterval() throws Exception {
        var answer = HttpAnswers.announce(b("d5:peers0:8:completei1ee"));
        assertEquals(Duration.ofMinutes(30), answer.interval());
        assertEquals(List.of(), answer.peers());
    }

    @Test
    void aFailureReasonIsARefusalWithTheTrackersText() {
        var e = assertThrows(TrackerException.class,
                () -> HttpAnswers.announce(b("d14:failure reason22:torrent not registerede")));
        assertEquals(TrackerException.Reason.REFUSED, e.reason());
        assertEquals("torrent not registered", e.getMessage());
    }

    @Test
    void garbageIsMalformedAndSaysWhatWasWrong() {
        assertTrue(malformed("<html><body>502 Bad Gateway</body></html>").getMessage()
                .contains("it starts with \"<html><body>502 Bad Gateway"));
        assertTrue(malformed("li1ee").getMessage().contains("not a bencoded dictionary"));
        assertTrue(malformed("d8:interval3:abce").getMessage().contains("interval is not an integer"));
        assertTrue(malformed("d8:intervali-5ee").getMessage().contains("interval is -5"));
        assertTrue(malformed("d8:intervali60e5:peers7:1234567e").getMessage()
                .contains("peers has 7 bytes, not a multiple of 6"));
        assertTrue(malformed("d8:intervali60e5:peersi1ee").getMessage()
                .contains("peers is neither a string (compact) nor a list"));
        assertTrue(malformed("d8:intervali60e5:peersld4:porti1eeee").getMessage().contains("a peer has no ip"));
        assertTrue(malformed("d8:intervali60e5:peersld2:ip9:127.0.0.14:porti70000eeee").getMessage()
                .contains("port is 70000"));
        assertTrue(malformed("d8:completei99999999999ee").getMessage().contains("complete is 99999999999"));
    }

    @Test
    void bencodeBombsAreMalformedWithoutExhaustingAnything() {
        assertTrue(malformed("d1:x" + "l".repeat(100_000) + "e".repeat(100_000) + "e").getMessage()
                .contains("not valid bencoding"));
        assertTrue(malformed("d5:peers999999999999:xe").getMessage().contains("not valid bencoding"));
        assertTrue(malformed("d5:peers2147483647:xe").getMessage().contains("not valid bencoding"));
    }

    @Test
    void readsAScrape() throws Exception {
        var out = new ByteArrayOutputStream();
        out.writeBytes(b("d5:filesd20:"));
        out.writeBytes(infoHash(7).bytes());
        out.writeBytes(b("d8:completei4e10:downloadedi9e10:incompletei2eeee"));
        var counts = HttpAnswers.scrape(out.toByteArray()).torrents().get(infoHash(7));
        assertEquals(4, counts.seeders());
        assertEquals(9, counts.completed());
        assertEquals(2, counts.leechers());
        assertEquals(0, HttpAnswers.scrape(b("de")).torrents().size());
    }

    @Test
    void aScrapeKeyThatIsNotAnInfoHashIsMalformed() {
        var e = assertThrows(TrackerException.class, () -> HttpAnswers.scrape(b("d5:filesd3:abcdeee")));
        assertEquals(TrackerException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("3 bytes, not a 20-byte info-hash"), e.getMessage());
    }

    @Test
    void theFailureReasonOfAnErrorPageIsFoundIfThereIsOne() {
        assertEquals(Optional.of("banned"), HttpAnswers.failureReason(b("d14:failure reason6:bannede")));
        assertEquals(Optional.empty(), HttpAnswers.failureReason(b("<html>")));
    }

    /** Found by fuzzing: the JDK looked up "827.0.0.1" as a host name, so a tracker could make us query DNS. */
    @Test
    void readsOnlyLiteralAddressesAndNeverTheRest() throws Exception {
        assertEquals(Optional.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 1})),
                HttpAnswers.ipLiteral("10.0.0.1"));
        assertEquals(Optional.of(InetAddress.getByAddress(new byte[] {1, 2, 3, 4})),
                HttpAnswers.ipLiteral("01.2.3.004"));
        assertEquals(Optional.of(InetAddress.getByName("::1")), HttpAnswers.ipLiteral("::1"));
        for (String notLiteral : List.of("827.0.0.1", "1.2.3.256", "1.2.3", ".:", "1:2", "::1::", "tracker.invalid")) {
            assertEquals(Optional.empty(), HttpAnswers.ipLiteral(notLiteral), notLiteral);
        }
    }
}
