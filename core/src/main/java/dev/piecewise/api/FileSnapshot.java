package dev.piecewise.api;

import java.nio.file.Path;

/**
 * One file of a torrent.
 *
 * @param path          relative to the download directory, made safe
 * @param length        its size
 * @param verifiedBytes bytes of it inside verified pieces
 */
public record FileSnapshot(Path path, long length, long verifiedBytes) {
}
