package dev.piecewise.core.metainfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the path elements a torrent names into names that are safe to create inside a download directory, the same
 * on every platform. Nothing a torrent says can name a file outside the download directory: every element ends up a
 * single, plain, non-empty name that is neither {@code .} nor {@code ..}.
 *
 * <p>Refused (the torrent cannot be added), because no honest torrent has them:
 * <ul>
 *   <li>an element {@code .} or {@code ..}: path traversal (Transmission refuses these too);</li>
 *   <li>a file whose path has no non-empty element;</li>
 *   <li>a path deeper than {@value #MAX_DEPTH} elements or longer than {@value #MAX_PATH_BYTES} bytes once made
 *       safe: it could not be created under any real download directory;</li>
 *   <li>a file whose path is also the folder of another file (after sanitizing): one of them cannot exist.</li>
 * </ul>
 *
 * <p>Sanitized (the torrent is kept, the name changed), because honest torrents made on other systems have them:
 * <ul>
 *   <li>empty elements are dropped (so a leading empty element, an "absolute" path, becomes relative);</li>
 *   <li>{@code /} and {@code \} inside an element (a band named "AC/DC"), control characters and NUL become
 *       {@code _}; bytes that are not UTF-8 become U+FFFD;</li>
 *   <li>Windows device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, also with an extension) get a {@code _} prefix,
 *       and trailing dots and spaces become {@code _}, so a download directory can be shared with Windows;</li>
 *   <li>elements longer than {@value #MAX_ELEMENT_BYTES} bytes of UTF-8 are cut, keeping a short extension, with
 *       {@code ~} and 8 hex digits of the original's SHA-1 added so that cut names stay distinct;</li>
 *   <li>a file whose path equals an earlier file's (compared ignoring case, so that it also holds on case-insensitive
 *       file systems) gets {@code ~2}, {@code ~3}... before its extension. Pad files are exempt: they are never
 *       created.</li>
 * </ul>
 */
final class SafePaths {

    static final int MAX_ELEMENT_BYTES = 255;
    static final int MAX_DEPTH = 64;
    static final int MAX_PATH_BYTES = 3072;

    private static final Pattern WINDOWS_DEVICE =
            Pattern.compile("(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9]|conin\\$|conout\\$)(\\..*)?");
    private static final int MAX_KEPT_EXTENSION_BYTES = 32;

    private SafePaths() {
    }

    /** Why a path cannot be made safe, in words for the user. */
    static final class UnsafePathException extends Exception {
        UnsafePathException(String problem) {
            super(problem);
        }
    }

    /**
     * The safe path of one file of a multi-file torrent: {@code root} (already safe), then {@code elements} made safe,
     * empty ones dropped.
     */
    static List<String> sanitize(String root, List<String> elements) throws UnsafePathException {
        List<String> safe = new ArrayList<>(elements.size() + 1);
        safe.add(root);
        for (String element : elements) {
            if (!element.isEmpty()) {
                safe.add(sanitizeName(element));
            }
        }
        if (safe.size() == 1) {
            throw new UnsafePathException("has an empty path");
        }
        if (safe.size() - 1 > MAX_DEPTH) {
            throw new UnsafePathException("is nested " + (safe.size() - 1) + " folders deep, more than " + MAX_DEPTH);
        }
        int bytes = utf8Length(String.join("/", safe));
        if (bytes > MAX_PATH_BYTES) {
            throw new UnsafePathException("has a path of " + bytes + " bytes, longer than " + MAX_PATH_BYTES);
        }
        return safe;
    }

    /** One name (a torrent's name, or one element of a file's path) made a plain, safe name. */
    static String sanitizeName(String name) throws UnsafePathException {
        if (name.equals(".") || name.equals("..")) {
            throw new UnsafePathException("has a \"" + name + "\" path element");
        }
        if (name.isEmpty()) {
            throw new UnsafePathException("has an empty name");
        }
        return sanitizeElement(name);
    }

    private static String sanitizeElement(String element) {
        String safe = replaceUnsafeCharacters(element);
        if (WINDOWS_DEVICE.matcher(safe).matches()) {
            safe = "_" + safe;
        }
        int end = safe.length();
        while (end > 0 && (safe.charAt(end - 1) == '.' || safe.charAt(end - 1) == ' ')) {
            end--;
        }
        safe = safe.substring(0, end) + "_".repeat(safe.length() - end);
        return fitLength(safe, element);
    }

    /** Separators and control characters (NUL included) become {@code _}. */
    private static String replaceUnsafeCharacters(String element) {
        char[] chars = null;
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') {
                if (chars == null) {
                    chars = element.toCharArray();
                }
                chars[i] = '_';
            }
        }
        return chars == null ? element : new String(chars);
    }

    /** {@code name} cut to {@value #MAX_ELEMENT_BYTES} bytes if longer, made distinct by a hash of {@code original}. */
    private static String fitLength(String name, String original) {
        if (utf8Length(name) <= MAX_ELEMENT_BYTES) {
            return name;
        }
        String marker = "~" + HexFormat.of().formatHex(Sha1.digest(original.getBytes(StandardCharsets.UTF_8)), 0, 4);
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && utf8Length(name.substring(dot)) <= MAX_KEPT_EXTENSION_BYTES
                ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int budget = MAX_ELEMENT_BYTES - utf8Length(marker) - utf8Length(extension);
        return cutToUtf8Length(stem, budget) + marker + extension;
    }

    private static String cutToUtf8Length(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Length(Character.toString(codePoint));
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Hands out paths so that no two files of a torrent share one and no file is another file's folder. */
    static final class UniquePaths {

        private final Set<String> files = new HashSet<>();
        private final Set<String> folders = new HashSet<>();
        private final Map<String, Integer> nextNumber = new HashMap<>();

        /** {@code path} itself, or with a {@code ~N} suffix when an earlier file has it. */
        List<String> claim(List<String> path) throws UnsafePathException {
            List<String> folderKeys = new ArrayList<>(path.size() - 1);
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < path.size() - 1; i++) {
                prefix.append(i == 0 ? "" : "/").append(path.get(i).toLowerCase(Locale.ROOT));
                String folderKey = prefix.toString();
                if (files.contains(folderKey)) {
                    throw new UnsafePathException("lies in the folder \"" + String.join("/", path.subList(0, i + 1))
                            + "\", which is also a file of the torrent");
                }
                folderKeys.add(folderKey);
            }
            String pathKey = key(path);
            if (folders.contains(pathKey)) {
                throw new UnsafePathException("is also the folder of another file of the torrent");
            }
            List<String> candidate = path;
            String candidateKey = pathKey;
            // remembers the next number per name, so a torrent repeating one path many times costs linear time
            int n = nextNumber.getOrDefault(pathKey, 2);
            while (files.contains(candidateKey) || folders.contains(candidateKey)) {
                candidate = new ArrayList<>(path.subList(0, path.size() - 1));
                candidate.add(numbered(path.getLast(), n++));
                candidateKey = key(candidate);
            }
            nextNumber.put(pathKey, n);
            files.add(candidateKey);
            folders.addAll(folderKeys);
            return candidate;
        }

        private static String numbered(String name, int n) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 ? name.substring(dot) : "";
            return fitLength(name.substring(0, name.length() - extension.length()) + "~" + n + extension, name + n);
        }

        private static String key(List<String> path) {
            return String.join("/", path).toLowerCase(Locale.ROOT);
        }
    }
}
