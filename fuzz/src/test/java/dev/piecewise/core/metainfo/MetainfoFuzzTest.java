package dev.piecewise.core.metainfo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.piecewise.api.InfoHash;
import dev.piecewise.core.storage.Storage;
import dev.piecewise.core.storage.StorageException;
import dev.piecewise.core.storage.StorageOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Torrent files from strangers: {@link MetainfoParser} on arbitrary bytes may only fail with a
 * {@link MetainfoException}. A torrent it accepts must be consistent (hashes for every piece, files end to end, the
 * info-hash of the info bytes) and have only safe, distinct paths; its storage is then opened in a fresh sandbox
 * directory, a block written at each end and read back, and nothing may appear outside the download directory or at
 * a path the torrent does not name. Storage may refuse only as a fresh directory can: a file too large for the file
 * system, or no space.
 */
class MetainfoFuzzTest {

    private static final int BLOCK = 16 * 1024;

    @FuzzTest
    void parseAndOpen(byte[] torrent) throws IOException {
        Metainfo metainfo;
        try {
            metainfo = MetainfoParser.parse(torrent, "fuzzed.torrent");
        } catch (MetainfoException expected) {
            return;
        }
        checkConsistent(metainfo);
        checkPathsSafe(metainfo);
        Path sandbox = Files.createTempDirectory("piecewise-fuzz-");
        try {
            Path downloads = sandbox.resolve("downloads");
            openAndWrite(metainfo, downloads);
            checkOnlyTorrentPathsExist(metainfo, sandbox, downloads);
        } finally {
            deleteTree(sandbox);
        }
    }

    private static void checkConsistent(Metainfo metainfo) {
        assertEquals(InfoHash.of(Sha1.digest(metainfo.infoBytes())), metainfo.infoHash());
        long total = 0;
        for (TorrentFile file : metainfo.files()) {
            assertEquals(total, file.offset(), "files end to end");
            total += file.length();
        }
        assertEquals(total, metainfo.totalLength());
        int last = metainfo.pieceCount() - 1;
        assertEquals(metainfo.totalLength(), (long) last * metainfo.pieceLength() + metainfo.pieceLength(last));
        assertTrue(metainfo.pieceLength(last) > 0);
        assertEquals(Metainfo.HASH_LENGTH, metainfo.pieceHash(last).length);
        Metainfo again = reparseInfo(metainfo);
        assertEquals(metainfo.infoHash(), again.infoHash(), "the info bytes alone give the same torrent");
        assertEquals(metainfo.files(), again.files());
    }

    private static Metainfo reparseInfo(Metainfo metainfo) {
        try {
            return MetainfoParser.parseInfo(metainfo.infoBytes(), metainfo.announceTiers(), "the same info");
        } catch (MetainfoException e) {
            throw new AssertionError("the info dictionary of an accepted torrent is refused alone", e);
        }
    }

    private static void checkPathsSafe(Metainfo metainfo) {
        Set<String> files = new HashSet<>();
        Set<String> folders = new HashSet<>();
        for (TorrentFile file : metainfo.files()) {
            List<String> path = file.path();
            assertEquals(metainfo.name(), path.getFirst(), "every file lies in the torrent's folder (or is it)");
            for (String element : path) {
                assertFalse(element.isEmpty() || element.equals(".") || element.equals(".."), "element " + element);
                assertTrue(element.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '/' || c == '\\'),
                        "no separator or control character in " + element);
                assertTrue(element.getBytes(StandardCharsets.UTF_8).length <= SafePaths.MAX_ELEMENT_BYTES);
            }
            if (file.pad()) {
                continue;
            }
            String key = file.displayPath().toLowerCase(Locale.ROOT);
            assertTrue(files.add(key), "two files at " + key);
            for (int i = 1; i < path.size(); i++) {
                folders.add(String.join("/", path.subList(0, i)).toLowerCase(Locale.ROOT));
            }
        }
        files.retainAll(folders);
        assertTrue(files.isEmpty(), "a file is also a folder: " + files);
    }

    private static void openAndWrite(Metainfo metainfo, Path downloads) {
        try (Storage storage = Storage.open(metainfo, downloads, StorageOptions.DEFAULT)) {
            int last = metainfo.pieceCount() - 1;
            roundTrip(storage, 0, 0, Math.min(BLOCK, metainfo.pieceLength(0)));
            int lastLength = Math.min(BLOCK, metainfo.pieceLength(last));
            roundTrip(storage, last, metainfo.pieceLength(last) - lastLength, lastLength);
            storage.verify(0);
        } catch (StorageException refused) {
            assertTrue(isLegitimateRefusal(refused), "storage failed in a fresh directory: " + refused);
        }
    }

    /**
     * What a fresh, empty download directory may still refuse: a file larger than the file system allows, no space
     * left, or a name the system cannot encode (the fuzz runs use a C locale, where file names are ASCII). Anything
     * else (an unsafe path, missing data right after a write) means the parser let through a torrent that storage
     * cannot hold, or storage lost data.
     */
    private static boolean isLegitimateRefusal(StorageException e) {
        String message = String.valueOf(e.getMessage());
        return e.kind() == StorageException.Kind.DISK_FULL
                || e.kind() == StorageException.Kind.IO
                && (message.contains("File too large") || message.contains("cannot be a file name on this system"));
    }

    /** Writes a block of a recognisable pattern and reads it back; pad files read as zeros. */
    private static void roundTrip(Storage storage, int piece, int offset, int length) throws StorageException {
        byte[] pattern = new byte[length];
        Arrays.fill(pattern, (byte) (piece * 31 + 7));
        storage.write(piece, offset, ByteBuffer.wrap(pattern));
        ByteBuffer back = ByteBuffer.allocate(length);
        storage.read(piece, offset, back);
        byte[] expected = pattern.clone();
        long start = storage.metainfo().layout().pieceOffset(piece) + offset;
        storage.metainfo().layout().forEachSpan(start, length, (index, fileOffset, span, done) -> {
            if (storage.metainfo().files().get(index).pad()) {
                Arrays.fill(expected, done, done + span, (byte) 0);
            }
        });
        assertArrayEquals(expected, back.array(), "a block reads back as written");
    }

    /** Everything under the sandbox is the download directory, the torrent's folders or its (non-pad) files. */
    private static void checkOnlyTorrentPathsExist(Metainfo metainfo, Path sandbox, Path downloads)
            throws IOException {
        Set<Path> allowed = new HashSet<>(List.of(sandbox, downloads));
        for (TorrentFile file : metainfo.files()) {
            if (!file.pad()) {
                allowed.addAll(encodablePrefixes(downloads, file.path()));
            }
        }
        try (Stream<Path> all = Files.walk(sandbox)) {
            all.forEach(path -> {
                assertTrue(allowed.contains(path), "storage created " + sandbox.relativize(path)
                        + ", which the torrent does not name");
                assertFalse(Files.isSymbolicLink(path), "storage created a link at " + path);
            });
        }
    }

    /**
     * The folders on the way to a file and the file itself, as far as their names can exist on this system (under a C
     * locale only ASCII names can): storage may create a torrent's folders before it refuses a name further down.
     */
    private static List<Path> encodablePrefixes(Path downloads, List<String> elements) {
        List<Path> prefixes = new ArrayList<>();
        Path path = downloads;
        try {
            for (String element : elements) {
                path = path.resolve(element);
                prefixes.add(path);
            }
        } catch (InvalidPathException unencodable) {
            // nothing at or below this name can exist
        }
        return prefixes;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertFalse(Files.exists(root, LinkOption.NOFOLLOW_LINKS));
    }
}
