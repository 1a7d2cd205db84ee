package dev.piecewise.core.magnet;

import dev.piecewise.api.InfoHash;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads magnet links (BEP 9, with {@code x.pe} peers and BEP 53 {@code so}).
 *
 * <p>Lenient where links in the wild need it: keys in any case, numbered keys ({@code tr.1}), parameters we do not use
 * ({@code xl}, {@code ws}, {@code kt}...) ignored, {@code +} read as a space, a v2 {@code urn:btmh:} next to the v1
 * info-hash ignored. Strict where a wrong guess would cost the user: a missing or malformed info-hash, two different
 * info-hashes, a bad escape, a tracker that is not a URL, a peer without a port, an invalid file range, each is
 * refused with a message that names the parameter.
 *
 * <p>Peers given by host name are kept unresolved: resolving would block and leak the link to the resolver at parse
 * time; they are looked up when the engine dials them, like tracker host names.
 */
final class MagnetParser {

    /** The longest link accepted: hundreds of trackers fit; a megabyte of parameters is not a magnet link. */
    static final int MAX_LENGTH = 64 * 1024;

    private static final String BTIH = "urn:btih:";
    private static final String BTMH = "urn:btmh:";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final Pattern NUMBERED = Pattern.compile("\\.\\d{1,4}$");
    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?",
            Pattern.CASE_INSENSITIVE);

    private InfoHash infoHash;
    private boolean v2Only;
    private String displayName;
    private final Set<String> trackers = new LinkedHashSet<>();
    private final Set<InetSocketAddress> peers = new LinkedHashSet<>();
    private FileSelection selection;

    private MagnetParser() {
    }

    static MagnetLink parse(String uri) throws MagnetException {
        String text = uri.strip();
        if (text.length() > MAX_LENGTH) {
            throw new MagnetException("longer than " + MAX_LENGTH + " characters");
        }
        if (!text.regionMatches(true, 0, MagnetLink.PREFIX, 0, MagnetLink.PREFIX.length())) {
            throw new MagnetException("it does not start with " + MagnetLink.PREFIX);
        }
        var parser = new MagnetParser();
        for (String parameter : text.substring(MagnetLink.PREFIX.length()).split("&")) {
            if (!parameter.isEmpty()) {
                parser.parameter(parameter);
            }
        }
        return parser.link();
    }

    private void parameter(String parameter) throws MagnetException {
        int equals = parameter.indexOf('=');
        String rawKey = equals < 0 ? parameter : parameter.substring(0, equals);
        String key = NUMBERED.matcher(decode(rawKey, "a parameter name").toLowerCase(Locale.ROOT)).replaceFirst("");
        if (!Set.of("xt", "dn", "tr", "x.pe", "so").contains(key)) {
            return;
        }
        String value = equals < 0 ? "" : decode(parameter.substring(equals + 1), key).strip();
        if (value.isEmpty()) {
            throw new MagnetException(key + " has no value");
        }
        switch (key) {
            case "xt" -> exactTopic(value);
            case "dn" -> displayName = displayName == null ? value : displayName;
            case "tr" -> trackers.add(tracker(value));
            case "x.pe" -> peers.add(peer(value));
            case "so" -> selection = FileSelection.parse(selection == null ? value : selection + "," + value);
            default -> throw new IllegalStateException("unhandled parameter " + key);
        }
    }

    private MagnetLink link() throws MagnetException {
        if (infoHash == null) {
            throw new MagnetException(v2Only
                    ? "it has only a v2 info-hash (urn:btmh:); Piecewise needs the v1 one (xt=urn:btih:)"
                    : "it has no info-hash (xt=urn:btih:...)");
        }
        return new MagnetLink(infoHash, Optional.ofNullable(displayName), trackers.stream().toList(),
                peers.stream().toList(), Optional.ofNullable(selection));
    }

    private void exactTopic(String value) throws MagnetException {
        if (value.regionMatches(true, 0, BTMH, 0, BTMH.length())) {
            v2Only = infoHash == null;
            return;
        }
        if (!value.regionMatches(true, 0, BTIH, 0, BTIH.length())) {
            return; // another network's hash (urn:sha1:, urn:ed2k:...): not ours to read
        }
        InfoHash parsed = infoHash(value.substring(BTIH.length()));
        if (infoHash != null && !infoHash.equals(parsed)) {
            throw new MagnetException("it names two torrents: " + infoHash.hex() + " and " + parsed.hex());
        }
        infoHash = parsed;
        v2Only = false;
    }

    private static InfoHash infoHash(String text) throws MagnetException {
        if (text.length() == 2 * InfoHash.LENGTH) {
            try {
                return InfoHash.of(HexFormat.of().parseHex(text));
            } catch (IllegalArgumentException e) {
                throw new MagnetException("the info-hash \"" + text + "\" is not 40 hexadecimal digits");
            }
        }
        if (text.length() == 32) {
            return InfoHash.of(base32(text));
        }
        throw new MagnetException("the info-hash \"" + text + "\" is neither 40 hexadecimal digits nor 32 base32 "
                + "characters");
    }

    /** RFC 4648 base32 without padding: 32 characters, 5 bits each, make the 20 bytes of an info-hash. */
    private static byte[] base32(String text) throws MagnetException {
        byte[] bytes = new byte[InfoHash.LENGTH];
        long buffer = 0;
        int bits = 0;
        int next = 0;
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new MagnetException("the info-hash \"" + text + "\" is not base32: '" + c + "' is not a base32 "
                        + "character");
            }
            buffer = buffer << 5 | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                bytes[next++] = (byte) (buffer >>> bits);
            }
        }
        return bytes;
    }

    private static String tracker(String value) throws MagnetException {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            throw new MagnetException("tr \"" + value + "\" is not a tracker URL: " + e.getReason());
        }
        throw new MagnetException("tr \"" + value + "\" is not a tracker URL such as udp://tracker.example:6969");
    }

    /** {@code host:port}, {@code 1.2.3.4:port} or {@code [v6 address]:port}. */
    private static InetSocketAddress peer(String value) throws MagnetException {
        int colon = value.lastIndexOf(':');
        if (colon < 0 || value.startsWith("[") && !value.substring(0, colon).endsWith("]")) {
            throw new MagnetException("x.pe \"" + value + "\" has no port (host:port, or [IPv6 address]:port)");
        }
        int port = port(value.substring(colon + 1), value);
        String host = value.substring(0, colon);
        if (host.startsWith("[")) {
            return new InetSocketAddress(literal(host.substring(1, host.length() - 1), value, true), port);
        }
        if (host.indexOf(':') >= 0) {
            throw new MagnetException("x.pe \"" + value + "\": an IPv6 address goes in brackets, [address]:port");
        }
        if (host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
            return new InetSocketAddress(literal(host, value, false), port);
        }
        return InetSocketAddress.createUnresolved(hostName(host, value), port);
    }

    private static int port(String digits, String value) throws MagnetException {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(digits) == 0 || Integer.parseInt(digits) > 65535) {
            throw new MagnetException("x.pe \"" + value + "\" has no valid port (1 to 65535)");
        }
        return Integer.parseInt(digits);
    }

    /** An IP address literal, parsed without any lookup (only literals reach {@link InetAddress#getByName}). */
    private static InetAddress literal(String host, String value, boolean ipv6) throws MagnetException {
        boolean valid = ipv6 ? host.indexOf(':') >= 0 && host.chars().allMatch(c -> c == ':' || c == '.'
                || HexFormat.isHexDigit(c)) : dottedQuad(host);
        if (valid) {
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                // falls through to the error below: the literal only looked valid
            }
        }
        throw new MagnetException("x.pe \"" + value + "\" has an invalid IP" + (ipv6 ? "v6" : "v4") + " address");
    }

    private static boolean dottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String hostName(String host, String value) throws MagnetException {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        boolean valid = !name.isEmpty() && name.length() <= 253;
        for (String label : name.split("\\.", -1)) {
            valid &= HOST_LABEL.matcher(label).matches();
        }
        if (!valid) {
            throw new MagnetException("x.pe \"" + value + "\" is neither an IP address nor a host name");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** Percent-decoding of a query component, {@code +} as a space; the bytes must be UTF-8. */
    private static String decode(String text, String what) throws MagnetException {
        var bytes = new ByteArrayOutputStream(text.length());
        int literalStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '%';
            if (c != '%' && c != '+') {
                continue;
            }
            bytes.writeBytes(text.substring(literalStart, i).getBytes(StandardCharsets.UTF_8));
            if (i == text.length()) {
                break;
            }
            if (c == '+') {
                bytes.write(' ');
            } else if (i + 2 < text.length() && HexFormat.isHexDigit(text.charAt(i + 1))
                    && HexFormat.isHexDigit(text.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 2;
            } else {
                throw new MagnetException(what + " has a bad escape at \""
                        + text.substring(i, Math.min(text.length(), i + 3)) + "\" (% must be followed by two "
                        + "hexadecimal digits)");
            }
            literalStart = i + 1;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new MagnetException(what + " is not valid UTF-8 once unescaped");
        }
    }
}
