package dev.piecewise.core.metainfo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TorrentBuilderTest {

    @TempDir
    Path directory;

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The expected hash of each piece, from the concatenated data. */
    private static void assertPiecesMatch(Metainfo metainfo, byte[] stream) {
        assertEquals(stream.length, metainfo.totalLength());
        for (int piece = 0; piece < metainfo.pieceCount(); piece++) {
            int from = piece * metainfo.pieceLength();
            byte[] data = Arrays.copyOfRange(stream, from, Math.min(stream.length, from + metainfo.pieceLength()));
            assertArrayEquals(Sha1.digest(data), metainfo.pieceHash(piece), "piece " + piece);
        }
    }

    @Test
    void makesASingleFileTorrent() throws Exception {
        byte[] data = randomBytes(100_000, 1);
        Path file = Files.write(directory.resolve("data.bin"), data);
        Metainfo metainfo = MetainfoParser.parse(TorrentBuilder.of(file).pieceLength(16384).build(), "built");
        assertEquals("data.bin", metainfo.name());
        assertEquals(List.of(new TorrentFile(List.of("data.bin"), 100_000, 0, false)), metainfo.files());
        assertEquals(7, metainfo.pieceCount());
        assertPiecesMatch(metainfo, data);
    }

    @Test
    void makesAMultiFileTorrentInByteWiseOrder() throws Exception {
        Path root = Files.createDirectories(directory.resolve("album"));
        Files.createDirectories(root.resolve("b/deeper"));
        Files.createDirectories(root.resolve("empty-folder"));
        byte[] first = randomBytes(5_000, 2);
        byte[] second = randomBytes(40_000, 3);
        byte[] third = randomBytes(17_000, 4);
        Files.write(root.resolve("B.txt"), first);
        Files.write(root.resolve("a.bin"), second);
        Files.write(root.resolve("b/deeper/c"), third);
        Files.write(root.resolve("b/zero"), new byte[0]);

        Metainfo metainfo = MetainfoParser.parse(TorrentBuilder.of(root).pieceLength(16384).build(), "built");
        assertEquals("album", metainfo.name());
        assertEquals(List.of(List.of("album", "B.txt"), List.of("album", "a.bin"),
                        List.of("album", "b", "deeper", "c"), List.of("album", "b", "zero")),
                metainfo.files().stream().map(TorrentFile::path).toList());
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(first);
        stream.writeBytes(second);
        stream.writeBytes(third);
        assertPiecesMatch(metainfo, stream.toByteArray());
    }

    @Test
    void theSameInputGivesTheSameBytesWhateverTheThreads() throws Exception {
        Path root = Files.createDirectories(directory.resolve("many"));
        for (int i = 0; i < 30; i++) {
            Files.write(root.resolve("f" + i), randomBytes(3_000 + i * 997, i));
        }
        byte[] once = TorrentBuilder.of(root).pieceLength(4096).threads(1).build();
        byte[] again = TorrentBuilder.of(root).pieceLength(4096).threads(3).build();
        assertArrayEquals(once, again);
    }

    @Test
    void writesTrackersAndDetails() throws Exception {
        Path file = Files.write(directory.resolve("x"), randomBytes(10, 5));
        Instant date = Instant.ofEpochSecond(1_700_000_000L);
        byte[] torrent = TorrentBuilder.of(file)
                .trackers(List.of(List.of("http://127.0.0.1:1/announce", "udp://127.0.0.1:2"), List.of(),
                        List.of("http://127.0.0.1:3/announce")))
                .comment("a comment").createdBy("test").creationDate(date).privateTorrent(true).build();
        Metainfo metainfo = MetainfoParser.parse(torrent, "built");
        assertEquals(List.of(List.of("http://127.0.0.1:1/announce", "udp://127.0.0.1:2"),
                List.of("http://127.0.0.1:3/announce")), metainfo.announceTiers());
        assertEquals(new Metainfo.Details(Optional.of("a comment"), Optional.of("test"), Optional.of(date)),
                metainfo.details());
        assertTrue(metainfo.isPrivate());
    }

    @Test
    void picksAPowerOfTwoPieceLengthByDefault() throws Exception {
        assertEquals(16 << 10, TorrentBuilder.autoPieceLength(1));
        assertEquals(512 << 10, TorrentBuilder.autoPieceLength(1L << 30));
        assertEquals(16 << 20, TorrentBuilder.autoPieceLength(1L << 50));
        Path file = Files.write(directory.resolve("small"), randomBytes(1000, 6));
        assertEquals(16 << 10, MetainfoParser.parse(TorrentBuilder.of(file).build(), "built").pieceLength());
    }

    @Test
    void refusesToMakeATorrentOfNothing() throws Exception {
        Path empty = Files.createDirectories(directory.resolve("empty"));
        Files.write(empty.resolve("zero"), new byte[0]);
        assertEquals(empty + " holds no data to share",
                assertThrows(IllegalArgumentException.class, () -> TorrentBuilder.of(empty).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TorrentBuilder.of(empty).pieceLength(0));
    }
}
