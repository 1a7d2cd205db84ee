package dev.piecewise.core.wire;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decodes the client name and version from a peer id. Two styles cover nearly every client in use: Azureus style
 * ({@code -LT2080-}: a two-letter code and four version characters) and the dashed Mainline style
 * ({@code M7-4-0--}, and aria2's {@code A2-1-36-0-}). Each client writes its version digits its own way.
 */
final class ClientNames {

    /** How a client writes the four version characters after its code. */
    private enum VersionStyle {
        /** One character per component (hex or base-36 digits past 9), trailing zero build dropped: 2080 = 2.0.8. */
        DIGITS,
        /** Transmission: 3000 = 3.00 (major, then a two-digit minor) before 4.0, 4000 = 4.0.0 after. */
        TRANSMISSION,
        /** Three components only: 355W = 3.5.5 (µTorrent puts a build letter last). */
        THREE_DIGITS
    }

    private record Client(String name, VersionStyle style) {
    }

    private static final Map<String, Client> AZUREUS_STYLE = Map.ofEntries(
            Map.entry("PW", new Client("Piecewise", VersionStyle.DIGITS)),
            Map.entry("LT", new Client("libtorrent", VersionStyle.DIGITS)),
            Map.entry("lt", new Client("libTorrent (rakshasa)", VersionStyle.DIGITS)),
            Map.entry("TR", new Client("Transmission", VersionStyle.TRANSMISSION)),
            Map.entry("qB", new Client("qBittorrent", VersionStyle.THREE_DIGITS)),
            Map.entry("DE", new Client("Deluge", VersionStyle.DIGITS)),
            Map.entry("AZ", new Client("Vuze", VersionStyle.DIGITS)),
            Map.entry("BI", new Client("BiglyBT", VersionStyle.DIGITS)),
            Map.entry("UT", new Client("µTorrent", VersionStyle.THREE_DIGITS)),
            Map.entry("UM", new Client("µTorrent Mac", VersionStyle.THREE_DIGITS)),
            Map.entry("BT", new Client("BitTorrent", VersionStyle.THREE_DIGITS)),
            Map.entry("KT", new Client("KTorrent", VersionStyle.DIGITS)),
            Map.entry("FD", new Client("Free Download Manager", VersionStyle.DIGITS)),
            Map.entry("WW", new Client("WebTorrent", VersionStyle.DIGITS)),
            Map.entry("TX", new Client("Tixati", VersionStyle.DIGITS)),
            Map.entry("PI", new Client("PicoTorrent", VersionStyle.DIGITS)),
            Map.entry("BC", new Client("BitComet", VersionStyle.DIGITS)),
            Map.entry("XL", new Client("Xunlei", VersionStyle.DIGITS)),
            Map.entry("LW", new Client("LimeWire", VersionStyle.DIGITS)),
            Map.entry("FW", new Client("FrostWire", VersionStyle.DIGITS)));

    private static final Map<String, String> DASHED_STYLE = Map.of(
            "A2", "aria2",
            "M", "BitTorrent (Mainline)");

    private ClientNames() {
    }

    static String decode(byte[] id) {
        String text = new String(id, StandardCharsets.ISO_8859_1);
        if (text.length() >= 8 && text.charAt(0) == '-' && text.charAt(7) == '-') {
            Client client = AZUREUS_STYLE.get(text.substring(1, 3));
            if (client != null && isAlphanumeric(text.substring(3, 7))) {
                return client.name() + " " + version(client.style(), text.substring(3, 7));
            }
        }
        String dashed = dashedStyle(text);
        return dashed != null ? dashed : "unknown " + printablePrefix(text);
    }

    private static String version(VersionStyle style, String chars) {
        int[] v = chars.chars().map(ClientNames::digit).toArray();
        return switch (style) {
            case DIGITS -> v[3] == 0 ? v[0] + "." + v[1] + "." + v[2] : v[0] + "." + v[1] + "." + v[2] + "." + v[3];
            case THREE_DIGITS -> v[0] + "." + v[1] + "." + v[2];
            case TRANSMISSION -> v[0] >= 4 ? v[0] + "." + v[1] + "." + v[2]
                    : v[0] + "." + chars.substring(1, 3) + (chars.charAt(3) == 'Z' || chars.charAt(3) == 'X' ? "+" : "");
        };
    }

    /** {@code A2-1-36-0-} and {@code M7-4-0--}: a code, then numbers each ended by a dash. */
    private static String dashedStyle(String text) {
        for (var entry : DASHED_STYLE.entrySet()) {
            String code = entry.getKey();
            if (text.startsWith(code) && text.length() > code.length()
                    && (Character.isDigit(text.charAt(code.length())) || text.charAt(code.length()) == '-')) {
                String rest = text.substring(code.length()).replaceFirst("^-", "");
                String[] parts = rest.split("-", -1);
                var version = new StringBuilder();
                for (int i = 0; i < parts.length && i < 3 && !parts[i].isEmpty(); i++) {
                    if (!parts[i].chars().allMatch(Character::isDigit)) {
                        return null;
                    }
                    version.append(i == 0 ? "" : ".").append(parts[i]);
                }
                return version.isEmpty() ? null : entry.getValue() + " " + version;
            }
        }
        return null;
    }

    private static int digit(int c) {
        return Character.digit(c, 36);
    }

    private static boolean isAlphanumeric(String s) {
        return s.chars().allMatch(c -> c < 0x80 && Character.isLetterOrDigit(c));
    }

    private static String printablePrefix(String text) {
        var prefix = new StringBuilder();
        for (int i = 0; i < Math.min(8, text.length()); i++) {
            char c = text.charAt(i);
            prefix.append(c >= 0x20 && c < 0x7f ? c : '.');
        }
        return "(" + prefix + ")";
    }
}
