package dev.piecewise.dist;

import dev.piecewise.api.InfoHash;
import dev.piecewise.core.metainfo.MetainfoException;
import dev.piecewise.core.metainfo.MetainfoParser;
import dev.piecewise.core.metainfo.TorrentBuilder;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Test data for whole-product tests: a folder of pseudo-random files of uneven sizes in sub-folders (so pieces straddle
 * files), and its torrent.
 *
 * @param seedDirectory the directory that holds the payload folder: a seeder's download directory
 * @param torrent       the .torrent file
 */
record Payload(Path seedDirectory, String name, Path torrent, InfoHash infoHash, int pieces, int pieceLength) {

    /**
     * Writes {@code files} files of about {@code bytes} each under {@code root} and a torrent of them without
     * trackers ({@link #announcingTo} adds some: the info-hash does not change, so a tracker's whitelist can be
     * written first).
     */
    static Payload create(Path root, int files, int bytes, int pieceLength) throws IOException, InterruptedException {
        Path seedDirectory = root.resolve("seed");
        Path folder = seedDirectory.resolve("payload");
        var random = new Random(7);
        for (int i = 0; i < files; i++) {
            byte[] data = new byte[bytes + 1234 * i];
            random.nextBytes(data);
            Path file = folder.resolve("part-" + (i % 3)).resolve("file-" + i + ".bin");
            Files.createDirectories(file.getParent());
            Files.write(file, data);
        }
        byte[] torrent = TorrentBuilder.of(folder).pieceLength(pieceLength).build();
        Path torrentFile = Files.write(root.resolve("payload.torrent"), torrent);
        try {
            var metainfo = MetainfoParser.parse(torrent, torrentFile.toString());
            return new Payload(seedDirectory, metainfo.name(), torrentFile, metainfo.infoHash(),
                    metainfo.pieceCount(), pieceLength);
        } catch (MetainfoException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same torrent announcing to {@code trackers}, one tier each. */
    Payload announcingTo(List<URI> trackers) throws IOException, InterruptedException {
        return announcingTo(trackers, "payload-tracked.torrent");
    }

    /** The same torrent announcing to {@code trackers}, one tier each, in a .torrent file of that name. */
    Payload announcingTo(List<URI> trackers, String fileName) throws IOException, InterruptedException {
        byte[] torrent = TorrentBuilder.of(seedDirectory.resolve(name)).pieceLength(pieceLength)
                .trackers(trackers.stream().map(uri -> List.of(uri.toString())).toList()).build();
        Path file = Files.write(this.torrent.resolveSibling(fileName), torrent);
        return new Payload(seedDirectory, name, file, infoHash, pieces, pieceLength);
    }

    /** Throws unless every payload file is in {@code downloadDirectory} with the same bytes. */
    void assertDownloadedTo(Path downloadDirectory) throws IOException {
        Path source = seedDirectory.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = downloadDirectory.resolve(name).resolve(source.relativize(file));
                if (!Files.exists(copy) || !Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(copy))) {
                    throw new AssertionError(copy + " is missing or differs from " + file);
                }
            }
        }
    }
}
