package dev.piecewise.core.storage;

import dev.piecewise.core.metainfo.TorrentFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecheckTest {

    @TempDir
    Path directory;

    private static BitSet all(int count) {
        BitSet all = new BitSet(count);
        all.set(0, count);
        return all;
    }

    @Test
    void findsCompleteDataComplete() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 100_000, 0, 70_000, 1, 33_333);
        // the torrent's data is already where the builder read it: adding it over that directory finds it complete
        try (Storage storage = Storage.open(torrent.metainfo(), torrent.source(), StorageOptions.DEFAULT)) {
            ConcurrentHashMap<Integer, Boolean> seen = new ConcurrentHashMap<>();
            AtomicInteger lastCount = new AtomicInteger();
            Recheck.Result result = storage.recheck(all(torrent.metainfo().pieceCount()), 3,
                    (piece, valid, checked, total) -> {
                        seen.put(piece, valid);
                        lastCount.accumulateAndGet(checked, Math::max);
                        assertEquals(torrent.metainfo().pieceCount(), total);
                    }, () -> false);
            assertTrue(result.complete());
            assertEquals(all(torrent.metainfo().pieceCount()), result.verified());
            assertEquals(torrent.metainfo().pieceCount(), seen.size());
            assertEquals(torrent.metainfo().pieceCount(), lastCount.get());
        }
    }

    @Test
    void findsExactlyTheGoodPiecesOfDamagedData() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 100_000, 50_000, 40_000, 60_000);
        Path data = torrent.source();
        var files = torrent.metainfo().files();
        // one flipped byte in piece 2 (file 0), a file cut short, a file deleted
        try (RandomAccessFile file = new RandomAccessFile(data.resolve(files.get(0).relativePath()).toFile(), "rw")) {
            file.seek(2 * 16384 + 7);
            int b = file.read();
            file.seek(2 * 16384 + 7);
            file.write(b ^ 1);
        }
        try (RandomAccessFile file = new RandomAccessFile(data.resolve(files.get(1).relativePath()).toFile(), "rw")) {
            file.setLength(30_000);
        }
        Files.delete(data.resolve(files.get(3).relativePath()));

        BitSet expected = all(torrent.metainfo().pieceCount());
        expected.clear(2);
        long cut = files.get(1).offset() + 30_000;
        for (int piece = 0; piece < torrent.metainfo().pieceCount(); piece++) {
            long start = (long) piece * 16384;
            long end = start + torrent.metainfo().pieceLength(piece);
            TorrentFile deleted = files.get(3);
            if (end > cut && start < files.get(1).end() || end > deleted.offset()) {
                expected.clear(piece);
            }
        }
        assertTrue(expected.cardinality() > 3 && expected.cardinality() < torrent.metainfo().pieceCount() - 3);
        try (Storage storage = Storage.open(torrent.metainfo(), data, StorageOptions.DEFAULT)) {
            ConcurrentHashMap<Integer, Boolean> heard = new ConcurrentHashMap<>();
            Recheck.Result result = storage.recheck(all(torrent.metainfo().pieceCount()), 2,
                    (piece, valid, checked, total) -> heard.put(piece, valid), () -> false);
            assertEquals(expected, result.verified());
            assertEquals(torrent.metainfo().pieceCount(), heard.size(), "every piece reported, missing ones too");
            heard.forEach((piece, valid) -> assertEquals(expected.get(piece), valid, "piece " + piece));
            for (int piece = 0; piece < torrent.metainfo().pieceCount(); piece++) {
                assertEquals(expected.get(piece), storage.verify(piece), "piece " + piece);
            }
        }
        assertFalse(Files.exists(data.resolve(files.get(3).relativePath())), "a recheck creates no files");
    }

    @Test
    void checksOnlyThePiecesAskedFor() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 200_000);
        BitSet some = new BitSet();
        some.set(3);
        some.set(7, 9);
        try (Storage storage = Storage.open(torrent.metainfo(), torrent.source(), StorageOptions.DEFAULT)) {
            assertEquals(some, storage.recheck(some, 4, (piece, valid, checked, total) -> {
                assertTrue(some.get(piece));
                assertEquals(3, total);
            }, () -> false).verified());
        }
    }

    @Test
    void stopsWhenCancelled() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 2_000_000);
        AtomicInteger checked = new AtomicInteger();
        try (Storage storage = Storage.open(torrent.metainfo(), torrent.source(), StorageOptions.DEFAULT)) {
            Recheck.Result result = storage.recheck(all(torrent.metainfo().pieceCount()), 2,
                    (piece, valid, count, total) -> checked.incrementAndGet(), () -> checked.get() >= 5);
            assertFalse(result.complete());
            assertTrue(result.verified().cardinality() < torrent.metainfo().pieceCount());
            assertEquals(checked.get(), result.verified().cardinality(), "every piece checked was good");
        }
    }
}
