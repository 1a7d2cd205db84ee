package dev.piecewise.core.lab;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.MetainfoException;
import dev.piecewise.core.metainfo.MetainfoParser;
import dev.piecewise.core.metainfo.TorrentBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A payload of pseudo-random bytes and its torrent, with a given size and piece length: what the lab's seeds serve.
 * Strategies see only a torrent's geometry (its size and pieces), so a comparison on a synthetic payload of the same
 * geometry measures what it would on the real one, without needing the real data or contacting its trackers.
 *
 * @param directory   the folder holding the payload (give it to a seed as its download directory)
 * @param torrentFile the .torrent file
 * @param metainfo    the torrent
 */
public record LabPayload(Path directory, Path torrentFile, Metainfo metainfo) {

    /**
     * Writes {@code totalLength} bytes into {@code directory/name} and a torrent of them announcing to
     * {@code announce} (none when empty).
     */
    public static LabPayload create(Path directory, String name, long totalLength, int pieceLength,
                                    List<String> announce, long seed) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(name);
            var random = new SplittableRandom(seed);
            byte[] chunk = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long left = totalLength; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, (int) Math.min(left, chunk.length));
                }
            }
            TorrentBuilder builder = TorrentBuilder.of(file).pieceLength(pieceLength).createdBy("Piecewise lab");
            if (!announce.isEmpty()) {
                builder.trackers(List.of(announce));
            }
            byte[] torrent = builder.build();
            Path torrentFile = Files.write(directory.resolve(name + ".torrent"), torrent);
            return new LabPayload(directory, torrentFile, MetainfoParser.parse(torrent, torrentFile.toString()));
        } catch (IOException | MetainfoException e) {
            throw new PiecewiseException("cannot create the lab's payload in " + directory + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PiecewiseException("interrupted while creating the lab's payload", e);
        }
    }
}
