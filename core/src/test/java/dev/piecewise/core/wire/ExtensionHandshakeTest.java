package dev.piecewise.core.wire;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtensionHandshakeTest {

    private static ExtensionHandshake decode(String bencoded) throws ProtocolException {
        return ExtensionHandshake.decode(ByteBuffer.wrap(bencoded.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void ourHandshakeSurvivesTheRoundTrip() throws Exception {
        var sent = new ExtensionHandshake(Map.of("ut_metadata", 2), Optional.of("Piecewise 0.1.0"), OptionalInt.of(6881),
                OptionalInt.of(512), Optional.of(InetAddress.getByName("127.0.0.1")), OptionalLong.of(12345));
        assertEquals(sent, ExtensionHandshake.decode(ByteBuffer.wrap(sent.encode())));
    }

    @Test
    void libtorrentsHandshakeIsUnderstood() throws Exception {
        // as libtorrent 2.0.8 sends it (from the probe in the bench notes), keys in order
        var handshake = decode("d12:complete_agoi-1e1:md11:lt_donthavei7e10:share_modei8e11:upload_onlyi3e"
                + "12:ut_holepunchi4e11:ut_metadatai2ee13:metadata_sizei1234e4:reqqi2000e11:upload_onlyi1e"
                + "1:v18:libtorrent/2.0.8.06:yourip4:\u007f\u0000\u0000\u0001e");
        assertEquals(2, handshake.extensions().get("ut_metadata"));
        assertEquals(5, handshake.extensions().size());
        assertEquals(OptionalInt.of(2000), handshake.requestQueue());
        assertEquals(Optional.of("libtorrent/2.0.8.0"), handshake.client());
        assertEquals(Optional.of(InetAddress.getByName("127.0.0.1")), handshake.yourIp());
        assertEquals(OptionalLong.of(1234), handshake.metadataSize());
    }

    @Test
    void unknownKeysWrongTypesAndDisabledExtensionsAreIgnored() throws Exception {
        var handshake = decode("d1:md3:fooi0e3:bar3:xyz3:bazi1ee1:pi70000e4:reqq3:lot1:vi5e6:yourip3:abc1:zi1ee");
        assertEquals(Map.of("baz", 1), handshake.extensions());
        assertTrue(handshake.listenPort().isEmpty());
        assertTrue(handshake.requestQueue().isEmpty());
        assertTrue(handshake.client().isEmpty());
        assertTrue(handshake.yourIp().isEmpty());
        assertEquals(Map.of(), decode("de").extensions());
    }

    @Test
    void somethingThatIsNotADictionaryIsAProtocolViolation() {
        assertThrows(ProtocolException.class, () -> decode("li1ee"));
        assertThrows(ProtocolException.class, () -> decode("d1:m"));
        assertThrows(ProtocolException.class, () -> decode("l".repeat(100) + "e".repeat(100)));
    }
}
