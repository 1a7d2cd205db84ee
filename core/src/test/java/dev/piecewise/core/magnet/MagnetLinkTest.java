package dev.piecewise.core.magnet;

import dev.piecewise.api.InfoHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MagnetLinkTest {

    private static final String HEX = "c9e15763f722f23e98a29decdfae341b98d53056";
    private static final String BASE32 = "ZHQVOY7XELZD5GFCTXWN7LRUDOMNKMCW";
    private static final InfoHash HASH = InfoHash.ofHex(HEX);

    private static String problem(String uri) {
        return assertThrows(MagnetException.class, () -> MagnetLink.parse(uri)).getMessage();
    }

    @Test
    void theInfoHashIsReadInHexOfEitherCaseAndInBase32OfEitherCase() throws Exception {
        assertEquals(HASH, MagnetLink.parse("magnet:?xt=urn:btih:" + HEX).infoHash());
        assertEquals(HASH, MagnetLink.parse("magnet:?xt=urn:btih:" + HEX.toUpperCase()).infoHash());
        assertEquals(HASH, MagnetLink.parse("magnet:?xt=urn:btih:" + BASE32).infoHash());
        assertEquals(HASH, MagnetLink.parse("MAGNET:?XT=URN:BTIH:" + BASE32.toLowerCase()).infoHash());
    }

    @Test
    void aLinkWithOnlyTheInfoHashHasNothingElse() throws Exception {
        MagnetLink link = MagnetLink.parse("  magnet:?xt=urn:btih:" + HEX + "  ");
        assertEquals(Optional.empty(), link.displayName());
        assertEquals(List.of(), link.trackers());
        assertEquals(List.of(), link.peers());
        assertEquals(Optional.empty(), link.selectedFiles());
    }

    @Test
    void everyParameterIsReadAndUnescaped() throws Exception {
        MagnetLink link = MagnetLink.parse("magnet:?xt=urn:btih:" + HEX
                + "&dn=Debian+12%20%C3%A9dition"
                + "&tr=http%3A%2F%2F127.0.0.1%3A6969%2Fannounce"
                + "&tr.1=udp://127.0.0.1:6969"
                + "&tr=http%3A%2F%2F127.0.0.1%3A6969%2Fannounce"
                + "&x.pe=127.0.0.1:51413&x.pe=%5B::1%5D:6881&x.pe=Peer.Example.org:7000"
                + "&so=4-6,0,2"
                + "&xl=1234&ws=http://example.org/file&kt=a+b");
        assertEquals(HASH, link.infoHash());
        assertEquals(Optional.of("Debian 12 édition"), link.displayName());
        assertEquals(List.of("http://127.0.0.1:6969/announce", "udp://127.0.0.1:6969"), link.trackers());
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 51413),
                new InetSocketAddress(InetAddress.getByName("::1"), 6881),
                InetSocketAddress.createUnresolved("peer.example.org", 7000)), link.peers());
        assertTrue(link.peers().get(2).isUnresolved(), "host names are never looked up while parsing");
        assertEquals("0,2,4-6", link.selectedFiles().orElseThrow().toString());
        assertEquals(List.of(List.of("http://127.0.0.1:6969/announce"), List.of("udp://127.0.0.1:6969")),
                link.announceTiers());
    }

    @Test
    void theFirstDisplayNameCountsAndEmptyParametersAreSkipped() throws Exception {
        MagnetLink link = MagnetLink.parse("magnet:?&&dn=first&xt=urn:btih:" + HEX + "&dn=second&");
        assertEquals(Optional.of("first"), link.displayName());
    }

    @Test
    void aV2HashNextToTheV1OneIsIgnoredAndOtherNetworksHashesToo() throws Exception {
        String btmh = "urn:btmh:1220" + "ab".repeat(32);
        assertEquals(HASH, MagnetLink.parse("magnet:?xt=" + btmh + "&xt=urn:btih:" + HEX).infoHash());
        assertEquals(HASH, MagnetLink.parse("magnet:?xt=urn:sha1:ABCD&xt.2=urn:btih:" + HEX).infoHash());
        assertTrue(problem("magnet:?xt=" + btmh).contains("only a v2 info-hash"));
    }

    @Test
    void theSameInfoHashTwiceIsFineButTwoDifferentOnesAreNot() throws Exception {
        assertEquals(HASH, MagnetLink.parse("magnet:?xt=urn:btih:" + HEX + "&xt=urn:btih:" + BASE32).infoHash());
        assertTrue(problem("magnet:?xt=urn:btih:" + HEX + "&xt=urn:btih:" + "0".repeat(40))
                .contains("two torrents"));
    }

    @Test
    void writingALinkOutAndReadingItBackGivesTheSameLink() throws Exception {
        MagnetLink link = MagnetLink.parse("magnet:?xt=urn:btih:" + BASE32 + "&dn=a%26b%3Dc d+e"
                + "&tr=udp://127.0.0.1:6969/announce?key=1%262&x.pe=[::1]:6881&x.pe=10.0.0.1:1&x.pe=host:9&so=3,1-2");
        String written = link.toUri();
        assertTrue(written.startsWith("magnet:?xt=urn:btih:" + HEX + "&dn=a%26b%3Dc%20d%20e&"), written);
        assertEquals(link, MagnetLink.parse(written));
    }

    @Test
    void looksLikeMagnetTellsLinksFromPaths() {
        assertTrue(MagnetLink.looksLikeMagnet(" Magnet:?xt=urn:btih:" + HEX));
        assertFalse(MagnetLink.looksLikeMagnet("magnet.torrent"));
        assertFalse(MagnetLink.looksLikeMagnet("/tmp/magnet:x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://example.org/file.torrent | does not start with magnet:?",
            "magnet:?dn=name | no info-hash",
            "magnet:?xt=urn:btih: | neither 40 hexadecimal digits nor 32 base32",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d5305 | neither 40 hexadecimal digits",
            "magnet:?xt=urn:btih:g9e15763f722f23e98a29decdfae341b98d53056 | not 40 hexadecimal digits",
            "magnet:?xt=urn:btih:ZHQVOY7XELZD5GFCTXWN7LRUDOMNKMC1 | '1' is not a base32 character",
            "magnet:?xt | xt has no value",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&dn= | dn has no value",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&dn=%zz | dn has a bad escape at \"%zz\"",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&dn=50% | dn has a bad escape at \"%\"",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&dn=%C3%28 | dn is not valid UTF-8",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&tr=tracker | tr \"tracker\" is not a tracker URL",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&tr=http://a b | tr \"http://a b\" is not a tracker URL",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&x.pe=10.0.0.1 | has no port",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&x.pe=10.0.0.1:0 | no valid port",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&x.pe=10.0.0.1:65536 | no valid port",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&x.pe=10.0.0.1:http | no valid port",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&x.pe=10.0.0.256:80 | invalid IPv4 address",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&x.pe=10.0.1:80 | invalid IPv4 address",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&x.pe=::1:80 | goes in brackets",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&x.pe=[::1:80 | has no port",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&x.pe=[fe80::zz]:80 | invalid IPv6 address",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&x.pe=bad_host:80 | neither an IP address nor a host name",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&x.pe=-a.org:80 | neither an IP address nor a host name",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&so=1,x | not a list of file numbers",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&so=5-2 | ends before it starts",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&so=1,,2 | not a list of file numbers",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&so=-3 | not a list of file numbers",
            "magnet:?xt=urn:btih:c9e15763f722f23e98a29decdfae341b98d53056&so=9999999999 | beyond any torrent",
    })
    void malformedLinksAreRefusedNamingTheProblem(String uri, String expected) {
        String message = problem(uri);
        assertTrue(message.startsWith("magnet link: "), message);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void anEnormousLinkIsRefusedUnparsed() {
        String huge = "magnet:?xt=urn:btih:" + HEX + "&tr=udp://t:1".repeat(MagnetParser.MAX_LENGTH / 10);
        assertTrue(problem(huge).contains("longer than"));
    }
}
