package dev.piecewise.core.storage;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.MetainfoException;
import dev.piecewise.core.metainfo.MetainfoParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing a torrent or a planted link does makes storage write outside the download directory. */
class DownloadDirectorySafetyTest {

    @TempDir
    Path directory;
    private Path downloads;
    private Path outside;

    @BeforeEach
    void layOut() throws IOException {
        downloads = Files.createDirectories(directory.resolve("downloads"));
        outside = Files.createDirectories(directory.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "keep me");
    }

    /** Every regular file under the test directory outside the download directory, but the test's own data. */
    private List<Path> strayFiles() throws IOException {
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .filter(path -> !path.startsWith(downloads) && !path.startsWith(directory.resolve("source"))
                            && !path.equals(outside.resolve("precious")))
                    .toList();
        }
    }

    /**
     * Found by fuzzing under {@code LC_ALL=C}, where Java encodes file names as ASCII: a torrent named "café" made
     * storage throw an unchecked InvalidPathException. NUL cannot be encoded under any locale, so it stands in here.
     */
    @Test
    void refusesInWordsANameTheSystemCannotEncode() throws Exception {
        StorageException e = assertThrows(StorageException.class,
                () -> DownloadDirectory.open(downloads).file(List.of("t", "a\0b"), true));
        assertEquals(StorageException.Kind.IO, e.kind());
        assertTrue(e.getMessage().startsWith("\"a\0b\" cannot be a file name on this system ("), e.getMessage());
        assertEquals(List.of(), strayFiles());
    }

    @Test
    void refusesARootFolderThatIsASymbolicLink() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 20_000, 5_000);
        Files.createSymbolicLink(downloads.resolve("t"), outside);
        StorageException e = assertThrows(StorageException.class,
                () -> Storage.open(torrent.metainfo(), downloads, StorageOptions.DEFAULT));
        assertEquals(StorageException.Kind.UNSAFE_PATH, e.kind());
        assertEquals("refusing to follow the symbolic link t in the download directory", e.getMessage());
        assertEquals(List.of(), strayFiles());
    }

    @Test
    void refusesALinkDeeperInTheTorrent() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 20_000, 5_000);
        Files.createDirectories(downloads.resolve("t"));
        Files.createSymbolicLink(downloads.resolve("t/01-sub"), outside);
        try (Storage storage = Storage.open(torrent.metainfo(), downloads, StorageOptions.DEFAULT)) {
            storage.write(0, 0, torrent.block(0, 0, 16384));
            StorageException e = assertThrows(StorageException.class, () -> torrent.writeAll(storage));
            assertEquals("refusing to follow the symbolic link t/01-sub in the download directory", e.getMessage());
            // reading (and so seeding) through the link is refused as well
            assertThrows(StorageException.class, () -> storage.read(1, 3616, ByteBuffer.allocate(100)));
        }
        assertEquals(List.of(), strayFiles());
    }

    @Test
    void refusesAFileThatIsASymbolicLink() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 20_000);
        Files.createDirectories(downloads.resolve("t"));
        Files.createSymbolicLink(downloads.resolve("t/00"), outside.resolve("precious"));
        try (Storage storage = Storage.open(torrent.metainfo(), downloads, StorageOptions.DEFAULT)) {
            assertEquals(StorageException.Kind.UNSAFE_PATH, assertThrows(StorageException.class,
                    () -> torrent.writeAll(storage)).kind());
            assertThrows(StorageException.class, () -> storage.verify(0));
        }
        assertEquals("keep me", Files.readString(outside.resolve("precious")));
    }

    @Test
    void aDownloadDirectoryThatIsItselfALinkIsTheUsersChoice() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 20_000);
        Path real = Files.createDirectories(directory.resolve("real"));
        Path link = Files.createSymbolicLink(directory.resolve("link"), real);
        try (Storage storage = Storage.open(torrent.metainfo(), link, StorageOptions.DEFAULT)) {
            torrent.writeAll(storage);
            assertEquals(real.toRealPath(), storage.downloadDirectory());
        }
        assertTrue(Files.exists(real.resolve("t/00")));
    }

    @Test
    void refusesAFileWhereTheTorrentHasAFolder() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 20_000, 5_000);
        Files.createDirectories(downloads.resolve("t"));
        Files.writeString(downloads.resolve("t/01-sub"), "not a folder");
        try (Storage storage = Storage.open(torrent.metainfo(), downloads, StorageOptions.DEFAULT)) {
            StorageException e = assertThrows(StorageException.class, () -> torrent.writeAll(storage));
            assertEquals("t/01-sub is a file where the torrent has a folder", e.getMessage());
        }
    }

    /**
     * The hostile corpus that the parser sanitizes rather than refuses, written to disk in full: every file lands
     * inside the download directory.
     */
    @Test
    void hostileButSanitizedTorrentsWriteOnlyInsideTheDownloadDirectory() throws Exception {
        List<List<String>> hostilePaths = List.of(
                List.of("", "etc", "passwd"), List.of("/etc/shadow"), List.of("..\\..\\win.ini"),
                List.of("a/../../escape"), List.of("nul\u0000byte"), List.of("x".repeat(10_000)),
                List.of("CON"), List.of("trailing. "), List.of("dup"), List.of("dup"), List.of("DUP"),
                List.of("~", "..."), List.of(outside.toString(), "precious"));
        List<BValue> files = new ArrayList<>();
        for (List<String> path : hostilePaths) {
            files.add(BDictionary.builder().put("length", 1000)
                    .put("path", new BList(path.stream().<BValue>map(BString::of).toList())).build());
        }
        byte[] data = TestTorrent.random(1000 * hostilePaths.size(), 9);
        for (String name : List.of("../outside", "/" + outside, "root")) {
            Metainfo metainfo = hostile(name, files, data);
            try (Storage storage = Storage.open(metainfo, downloads, StorageOptions.DEFAULT)) {
                TestTorrent torrent = new TestTorrent(metainfo, null, data);
                torrent.writeAll(storage);
                for (int piece = 0; piece < metainfo.pieceCount(); piece++) {
                    assertTrue(storage.verify(piece));
                }
            }
        }
        assertEquals(List.of(), strayFiles());
        assertEquals("keep me", Files.readString(outside.resolve("precious")));
        try (Stream<Path> written = Files.walk(downloads)) {
            assertEquals(3 * hostilePaths.size(), written.filter(Files::isRegularFile).count());
        }
    }

    private static Metainfo hostile(String name, List<BValue> files, byte[] data) throws MetainfoException {
        int pieceLength = 4096;
        java.io.ByteArrayOutputStream pieces = new java.io.ByteArrayOutputStream();
        for (int from = 0; from < data.length; from += pieceLength) {
            pieces.writeBytes(dev.piecewise.core.metainfo.Sha1.digest(java.util.Arrays.copyOfRange(data, from,
                    Math.min(data.length, from + pieceLength))));
        }
        byte[] torrent = Bencode.encode(BDictionary.builder().put("info", BDictionary.builder().put("name", name)
                .put("piece length", pieceLength).put("pieces", pieces.toByteArray()).put("files", new BList(files))
                .build()).build());
        Metainfo metainfo = MetainfoParser.parse(torrent, "hostile");
        assertFalse(metainfo.name().contains("/"));
        return metainfo;
    }

    @Test
    void deletesOnlyTheTorrentsFilesAndItsEmptiedFolders() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 20_000, 5_000, 7_000, 100);
        TestTorrent other = TestTorrent.multiFile(directory.resolve("o"), "t2", 16384, 1_000);
        try (Storage storage = Storage.open(torrent.metainfo(), downloads, StorageOptions.DEFAULT);
             Storage neighbour = Storage.open(other.metainfo(), downloads, StorageOptions.DEFAULT)) {
            torrent.writeAll(storage);
            other.writeAll(neighbour);
            Files.writeString(downloads.resolve("t/03-sub/mine.txt"), "the user's own");
            storage.closeAndDeleteFiles();
        }
        try (Stream<Path> left = Files.walk(downloads)) {
            assertEquals(List.of(downloads, downloads.resolve("t"), downloads.resolve("t/03-sub"),
                    downloads.resolve("t/03-sub/mine.txt"), downloads.resolve("t2"), downloads.resolve("t2/00")),
                    left.sorted().toList());
        }
    }

    @Test
    void deletingNeverFollowsAPlantedLink() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 20_000, 5_000);
        Files.createDirectories(outside.resolve("01-sub"));
        Files.writeString(outside.resolve("01-sub/f"), "keep me too");
        Storage storage = Storage.open(torrent.metainfo(), downloads, StorageOptions.DEFAULT);
        torrent.writePiece(storage, 0);
        Files.createSymbolicLink(downloads.resolve("t/01-sub"), outside.resolve("01-sub"));
        assertEquals(StorageException.Kind.UNSAFE_PATH,
                assertThrows(StorageException.class, storage::closeAndDeleteFiles).kind());
        assertEquals("keep me too", Files.readString(outside.resolve("01-sub/f")));
        assertEquals("keep me", Files.readString(outside.resolve("precious")));
    }
}
