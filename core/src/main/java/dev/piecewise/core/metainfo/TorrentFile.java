package dev.piecewise.core.metainfo;

import java.nio.file.Path;
import java.util.List;

/**
 * One file of a torrent.
 *
 * @param path   the safe path relative to the download directory, the torrent's root folder first for a multi-file
 *               torrent: every element is a plain, non-empty name (see {@link SafePaths})
 * @param length its size in bytes
 * @param offset where it starts in the torrent's byte stream (all files end to end)
 * @param pad    whether it is a BEP 47 pad file: zeros that only align the next file, never created on disk
 */
public record TorrentFile(List<String> path, long length, long offset, boolean pad) {

    public TorrentFile {
        path = List.copyOf(path);
        if (path.isEmpty() || length < 0 || offset < 0) {
            throw new IllegalArgumentException("not a torrent file: " + path + " " + length + " at " + offset);
        }
    }

    /** The path relative to the download directory, for the platform's file system. */
    public Path relativePath() {
        return Path.of(path.getFirst(), path.subList(1, path.size()).toArray(String[]::new));
    }

    /** The offset just after its last byte in the torrent's byte stream. */
    public long end() {
        return offset + length;
    }

    /** The path joined with {@code /}, for messages and listings. */
    public String displayPath() {
        return String.join("/", path);
    }
}
