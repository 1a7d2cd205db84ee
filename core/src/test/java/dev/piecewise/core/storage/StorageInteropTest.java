package dev.piecewise.core.storage;

import dev.piecewise.core.metainfo.ExternalTools;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.MetainfoParser;
import dev.piecewise.core.metainfo.TorrentFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storage agrees with libtorrent about data laid out with BEP 47 pad files, both ways. */
class StorageInteropTest {

    @TempDir
    Path directory;

    private Path payload() throws Exception {
        Path data = Files.createDirectories(directory.resolve("seed/payload"));
        Files.createDirectories(data.resolve("sub"));
        int[] sizes = {70_001, 16_384, 5, 123_456};
        String[] names = {"a.bin", "b.bin", "sub/c.txt", "sub/d.bin"};
        for (int i = 0; i < sizes.length; i++) {
            Files.write(data.resolve(names[i]), TestTorrent.random(sizes[i], i));
        }
        return data;
    }

    private static BitSet all(int count) {
        BitSet bits = new BitSet();
        bits.set(0, count);
        return bits;
    }

    @Test
    void findsLibtorrentsPaddedDataCompleteAndWritesDataLibtorrentFindsComplete() throws Exception {
        ExternalTools.requireLibtorrent();
        Path data = payload();
        for (String kind : List.of("v1-pad", "hybrid")) {
            Path torrentFile = ExternalTools.libtorrentCreate(data, kind, directory.resolve(kind + ".torrent"));
            Metainfo metainfo = MetainfoParser.read(torrentFile);
            assertTrue(metainfo.files().stream().anyMatch(TorrentFile::pad), kind);

            try (Storage seed = Storage.open(metainfo, data.getParent(), StorageOptions.DEFAULT)) {
                assertEquals(all(metainfo.pieceCount()), seed.recheck(all(metainfo.pieceCount()), 2,
                        (piece, valid, checked, total) -> { }, () -> false).verified(), kind);
            }

            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (TorrentFile file : metainfo.files()) {
                stream.writeBytes(file.pad() ? new byte[(int) file.length()]
                        : Files.readAllBytes(data.getParent().resolve(file.relativePath())));
            }
            Path downloads = directory.resolve("download-" + kind);
            try (Storage leech = Storage.open(metainfo, downloads, StorageOptions.DEFAULT)) {
                new TestTorrent(metainfo, null, stream.toByteArray()).writeAll(leech);
            }
            assertFalse(Files.exists(downloads.resolve("payload/.pad")), "pad files are never created");
            assertEquals("complete", ExternalTools.libtorrentCheck(torrentFile, downloads), kind);
        }
    }
}
