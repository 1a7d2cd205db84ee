package dev.piecewise.core.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientNamesTest {

    private static String decode(String prefix) {
        byte[] id = Arrays.copyOf(prefix.getBytes(StandardCharsets.ISO_8859_1), 20);
        Arrays.fill(id, prefix.length(), 20, (byte) 'x');
        return PeerId.of(id).clientName();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -LT2080-      | libtorrent 2.0.8
            -LT1217-      | libtorrent 1.2.1.7
            -lt0D80-      | libTorrent (rakshasa) 0.13.8
            -TR3000-      | Transmission 3.00
            -TR294Z-      | Transmission 2.94+
            -TR4060-      | Transmission 4.0.6
            -qB4520-      | qBittorrent 4.5.2
            -UT355W-      | µTorrent 3.5.5
            -DE13F0-      | Deluge 1.3.15
            -PW0100-      | Piecewise 0.1.0
            A2-1-36-0-    | aria2 1.36.0
            M7-4-0--      | BitTorrent (Mainline) 7.4.0
            -ZZ1234-      | unknown (-ZZ1234-)
            """)
    void knownStylesAreDecoded(String prefix, String expected) {
        assertEquals(expected, decode(prefix));
    }

    @Test
    void oddIdsStayPrintable() {
        assertEquals("unknown (..abcxxx)", decode("\u0000\u0001abc"));
        assertEquals("unknown (A2-x-1-x)", decode("A2-x-1-"));
    }
}
