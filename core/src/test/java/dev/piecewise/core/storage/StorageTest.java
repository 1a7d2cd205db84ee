package dev.piecewise.core.storage;

import dev.piecewise.core.metainfo.TorrentFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageTest {

    @TempDir
    Path directory;

    private Path downloads() {
        return directory.resolve("downloads");
    }

    private static void assertSameFiles(TestTorrent torrent, Path downloads) throws IOException {
        for (TorrentFile file : torrent.metainfo().files()) {
            Path written = downloads.resolve(file.relativePath());
            if (file.pad()) {
                assertFalse(Files.exists(written), "pad file created: " + written);
            } else {
                byte[] expected = Arrays.copyOfRange(torrent.stream(), (int) file.offset(), (int) file.end());
                assertArrayEquals(expected, Files.readAllBytes(written), file.displayPath());
            }
        }
    }

    @Test
    void writesPiecesAcrossFileBoundariesAndReadsThemBack() throws Exception {
        // sizes chosen so pieces straddle files, one file is empty and one lies inside a single piece
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 10_000, 0, 30_000, 5, 40_000);
        try (Storage storage = Storage.open(torrent.metainfo(), downloads(), StorageOptions.DEFAULT)) {
            torrent.writeAll(storage);
            for (int piece = 0; piece < torrent.metainfo().pieceCount(); piece++) {
                assertTrue(storage.verify(piece), "piece " + piece);
                ByteBuffer read = ByteBuffer.allocate(torrent.metainfo().pieceLength(piece));
                storage.read(piece, 0, read);
                assertEquals(read.capacity(), read.position());
                assertArrayEquals(bytes(torrent.block(piece, 0, read.capacity())), read.array());
            }
        }
        assertSameFiles(torrent, downloads());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void handlesTheShortLastPieceAndOddBlocks() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 20_000, 13_001);
        int last = torrent.metainfo().pieceCount() - 1;
        assertEquals(33_001 - 2 * 16384, torrent.metainfo().pieceLength(last));
        try (Storage storage = Storage.open(torrent.metainfo(), downloads(), StorageOptions.DEFAULT)) {
            torrent.writeAll(storage);
            ByteBuffer middle = ByteBuffer.allocateDirect(100);
            storage.read(last, 50, middle);
            assertArrayEquals(Arrays.copyOfRange(torrent.stream(), 2 * 16384 + 50, 2 * 16384 + 150),
                    bytes(middle.flip()));
            assertThrows(IndexOutOfBoundsException.class,
                    () -> storage.read(last, 200, ByteBuffer.allocate(100)));
            assertThrows(IndexOutOfBoundsException.class,
                    () -> storage.write(last + 1, 0, ByteBuffer.allocate(1)));
            assertThrows(IndexOutOfBoundsException.class, () -> storage.write(0, -1, ByteBuffer.allocate(1)));
        }
        assertSameFiles(torrent, downloads());
    }

    @Test
    void consumesTheBlockAndLeavesTheRestOfTheBufferAlone() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 20_000);
        try (Storage storage = Storage.open(torrent.metainfo(), downloads(), StorageOptions.DEFAULT)) {
            ByteBuffer framed = ByteBuffer.allocateDirect(16384 + 13);
            framed.position(13).put(torrent.block(0, 0, 16384)).position(13);
            storage.write(0, 0, framed);
            assertEquals(16384 + 13, framed.position());
            ByteBuffer rest = torrent.block(1, 0, torrent.metainfo().pieceLength(1));
            storage.write(1, 0, rest);
            assertFalse(rest.hasRemaining());
        }
        assertSameFiles(torrent, downloads());
    }

    @Test
    void neverCreatesPadFilesAndReadsThemAsZeros() throws Exception {
        TestTorrent torrent = TestTorrent.withPadFiles("padded", 16384, 10_000, 20_000, 3_000);
        assertEquals(List.of(false, true, false, true, false),
                torrent.metainfo().files().stream().map(TorrentFile::pad).toList());
        try (Storage storage = Storage.open(torrent.metainfo(), downloads(), StorageOptions.DEFAULT)) {
            torrent.writeAll(storage);
            for (int piece = 0; piece < torrent.metainfo().pieceCount(); piece++) {
                assertTrue(storage.verify(piece), "piece " + piece);
            }
            ByteBuffer padded = ByteBuffer.allocate(16384 - 10_000);
            storage.read(0, 10_000, padded);
            assertArrayEquals(new byte[16384 - 10_000], padded.array());
            Path out = directory.resolve("sent");
            try (FileChannel target = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                storage.transferTo(0, 0, 16384, target);
            }
            assertArrayEquals(Arrays.copyOf(torrent.stream(), 16384), Files.readAllBytes(out));
        }
        assertSameFiles(torrent, downloads());
        assertFalse(Files.exists(downloads().resolve("padded/.pad")));
    }

    @Test
    void reservesTheSpaceOfNewFilesUnlessAskedForSparseOnes() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 8 << 20);
        Path sparse = directory.resolve("sparse");
        Path reserved = directory.resolve("reserved");
        Path full = directory.resolve("full");
        try (Storage sparseStorage = Storage.open(torrent.metainfo(), sparse,
                     StorageOptions.DEFAULT.withAllocation(StorageOptions.Allocation.SPARSE));
             Storage reservedStorage = Storage.open(torrent.metainfo(), reserved, StorageOptions.DEFAULT);
             Storage fullStorage = Storage.open(torrent.metainfo(), full,
                     StorageOptions.DEFAULT.withAllocation(StorageOptions.Allocation.FULL))) {
            for (Storage storage : List.of(sparseStorage, reservedStorage, fullStorage)) {
                storage.write(0, 0, torrent.block(0, 0, 16384));
            }
        }
        Path sparseFile = sparse.resolve(torrent.metainfo().files().getFirst().relativePath());
        Path reservedFile = reserved.resolve(torrent.metainfo().files().getFirst().relativePath());
        Path fullFile = full.resolve(torrent.metainfo().files().getFirst().relativePath());
        for (Path file : List.of(sparseFile, reservedFile, fullFile)) {
            assertEquals(8 << 20, Files.size(file), file.toString());
        }
        assertTrue(allocatedBytes(sparseFile) < (1 << 20), "sparse: " + allocatedBytes(sparseFile));
        assertTrue(allocatedBytes(fullFile) >= (8 << 20), "full: " + allocatedBytes(fullFile));
        // this JDK (the build's, 21 or newer) reaches fallocate from Java 22 on
        assertEquals(Runtime.version().feature() >= 22, Fallocate.available(), "fallocate on Java "
                + Runtime.version().feature());
        if (Fallocate.available()) {
            assertTrue(allocatedBytes(reservedFile) >= (8 << 20), "reserved: " + allocatedBytes(reservedFile));
        }
        for (Path root : List.of(sparse, reserved, full)) {
            try (Storage storage = Storage.open(torrent.metainfo(), root, StorageOptions.DEFAULT)) {
                assertTrue(storage.verify(0), root.toString());
                assertFalse(storage.verify(1), "reserved space holds no data: " + root);
            }
        }
    }

    /** Disk blocks a file really uses, from {@code stat} (the JDK does not expose them). */
    private static long allocatedBytes(Path file) throws IOException, InterruptedException {
        Process stat = new ProcessBuilder("stat", "--format=%b %B", file.toString()).redirectErrorStream(true)
                .start();
        assertTrue(stat.waitFor(10, TimeUnit.SECONDS));
        String[] fields = new String(stat.getInputStream().readAllBytes()).strip().split(" ");
        return Long.parseLong(fields[0]) * Long.parseLong(fields[1]);
    }

    @Test
    void leavesALongerFileAsItIs() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 20_000);
        Path file = downloads().resolve(torrent.metainfo().files().getFirst().relativePath());
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[50_000]);
        try (Storage storage = Storage.open(torrent.metainfo(), downloads(), StorageOptions.DEFAULT)) {
            torrent.writeAll(storage);
        }
        assertEquals(50_000, Files.size(file));
        assertArrayEquals(torrent.stream(), Arrays.copyOf(Files.readAllBytes(file), 20_000));
    }

    @Test
    void transfersStraightToASocket() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 32768, 30_000, 50_000);
        try (Storage storage = Storage.open(torrent.metainfo(), downloads(), StorageOptions.DEFAULT);
             ServerSocketChannel server = ServerSocketChannel.open()) {
            torrent.writeAll(storage);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel sender = SocketChannel.open(server.getLocalAddress());
                 SocketChannel receiver = server.accept()) {
                receiver.socket().setSoTimeout(10_000);
                // 20,000 bytes from piece 0 at offset 20,000: across the boundary between the two files
                storage.transferTo(0, 20_000, 12_768, sender);
                storage.transferTo(1, 0, 7_232, sender);
                ByteBuffer received = ByteBuffer.allocate(20_000);
                var in = receiver.socket().getInputStream();
                while (received.hasRemaining()) {
                    int read = in.read(received.array(), received.position(), received.remaining());
                    assertTrue(read > 0);
                    received.position(received.position() + read);
                }
                assertArrayEquals(Arrays.copyOfRange(torrent.stream(), 20_000, 40_000), received.array());
            }
        }
    }

    @Test
    void reportsMissingDataClearly() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 20_000);
        try (Storage storage = Storage.open(torrent.metainfo(), downloads(), StorageOptions.DEFAULT)) {
            StorageException e = assertThrows(StorageException.class, () -> storage.read(0, 0,
                    ByteBuffer.allocate(10)));
            assertEquals(StorageException.Kind.MISSING_DATA, e.kind());
            assertEquals("file missing reading t/00", e.getMessage());
            assertFalse(storage.verify(0));
            assertEquals(StorageException.Kind.MISSING_DATA, assertThrows(StorageException.class,
                    () -> storage.transferTo(0, 0, 10, FileChannel.open(directory.resolve("x"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE))).kind());
        }
    }

    @Test
    void keepsABoundedNumberOfFilesOpen() throws Exception {
        int[] sizes = new int[12];
        Arrays.fill(sizes, 5_000);
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, sizes);
        try (Storage storage = Storage.open(torrent.metainfo(), downloads(), new StorageOptions(StorageOptions.Allocation.SPARSE, 3))) {
            torrent.writeAll(storage);
            assertTrue(storage.openFileCount() <= 3, "open: " + storage.openFileCount());
            BitSet all = new BitSet();
            all.set(0, torrent.metainfo().pieceCount());
            assertEquals(all, storage.recheck(all, 2, (piece, valid, checked, total) -> { }, () -> false)
                    .verified());
        }
        assertSameFiles(torrent, downloads());
    }

    @Test
    void writesFromManyThreadsAtOnce() throws Exception {
        int[] sizes = new int[9];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 7_000 + i * 13_331;
        }
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, sizes);
        List<int[]> blocks = new ArrayList<>();
        for (int piece = 0; piece < torrent.metainfo().pieceCount(); piece++) {
            for (int offset = 0; offset < torrent.metainfo().pieceLength(piece); offset += 4096) {
                blocks.add(new int[]{piece, offset, Math.min(4096, torrent.metainfo().pieceLength(piece) - offset)});
            }
        }
        Collections.shuffle(blocks, new Random(3));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (Storage storage = Storage.open(torrent.metainfo(), downloads(), new StorageOptions(StorageOptions.Allocation.SPARSE, 2))) {
            List<Future<?>> writes = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                writes.add(threads.submit(() -> {
                    for (int i = first; i < blocks.size(); i += 4) {
                        int[] block = blocks.get(i);
                        storage.write(block[0], block[1], torrent.block(block[0], block[1], block[2]));
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertSameFiles(torrent, downloads());
    }

    @Test
    void anInterruptedThreadDoesNotBreakTheFileForOthers() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 40_000);
        try (Storage storage = Storage.open(torrent.metainfo(), downloads(), StorageOptions.DEFAULT)) {
            torrent.writeAll(storage);
            Thread interrupted = Thread.ofPlatform().start(() -> {
                Thread.currentThread().interrupt();
                StorageException e = assertThrows(StorageException.class,
                        () -> storage.read(0, 0, ByteBuffer.allocate(100)));
                assertEquals("interrupted reading t/00", e.getMessage());
            });
            interrupted.join(10_000);
            // the interrupt closed the shared channel; the next user gets a fresh one
            assertTrue(storage.verify(1));
            storage.write(2, 0, torrent.block(2, 0, 100));
        }
        assertSameFiles(torrent, downloads());
    }

    @Test
    void deviceFullIsReportedAsDiskFull() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "/dev/full is needed (Linux)");
        try (FileChannel channel = FileChannel.open(full, StandardOpenOption.WRITE)) {
            IOException enospc = assertThrows(IOException.class, () -> channel.write(ByteBuffer.allocate(4096)));
            StorageException e = Failures.of(enospc, "writing album/01.flac");
            assertEquals(StorageException.Kind.DISK_FULL, e.kind());
            assertEquals("disk full writing album/01.flac", e.getMessage());
        }
    }

    @Test
    void closedStorageRefusesWork() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 100);
        Storage storage = Storage.open(torrent.metainfo(), downloads(), StorageOptions.DEFAULT);
        storage.close();
        assertThrows(StorageException.class, () -> storage.write(0, 0, torrent.block(0, 0, 100)));
    }
}
