package dev.piecewise.api;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Where a torrent comes from: a .torrent file, or a magnet link whose metadata is fetched from peers. */
public sealed interface TorrentSource {

    /** A .torrent file. */
    record File(Path path) implements TorrentSource {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** A magnet link ({@code magnet:?xt=urn:btih:...}); it is parsed, and refused if invalid, when added. */
    record Magnet(String uri) implements TorrentSource {
        public Magnet {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public String toString() {
            return uri;
        }
    }

    /** Whether a user's argument is meant as a magnet link rather than a path: it starts with {@code magnet:}. */
    static boolean isMagnet(String argument) {
        return argument.strip().toLowerCase(Locale.ROOT).startsWith("magnet:");
    }
}
