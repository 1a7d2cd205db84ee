package dev.piecewise.core.storage;

import dev.piecewise.testing.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A real full disk: a 1 MiB tmpfs. Needs the right to mount one (root with CAP_SYS_ADMIN), else it is skipped. */
class DiskFullTest {

    @TempDir
    Path directory;


    @Test
    void aFullDiskIsAClearErrorLosesNothingAndResumingAfterSpaceIsFreedFinishes() throws Exception {
        fillTheDisk(StorageOptions.Allocation.SPARSE);
    }

    /** Where space is reserved up front, the disk is full before the first block is written, not halfway. */
    @Test
    void withSpaceReservedAFullDiskShowsAtTheFirstWrite() throws Exception {
        assumeTrue(Fallocate.available(), "fallocate is reached from Java 22 on, on Linux");
        fillTheDisk(StorageOptions.Allocation.RESERVE);
    }

    private void fillTheDisk(StorageOptions.Allocation allocation) throws Exception {
        Path small = Files.createDirectories(directory.resolve("small"));
        assumeTrue(Tmpfs.mount(small, "1m"),
                "mounting a tmpfs needs root with CAP_SYS_ADMIN");
        try {
            TestTorrent torrent = TestTorrent.multiFile(directory, "t", 65536, 3 << 20);
            BitSet verified = new BitSet();
            try (Storage storage = Storage.open(torrent.metainfo(), small,
                    StorageOptions.DEFAULT.withAllocation(allocation))) {
                StorageException failure = null;
                for (int piece = 0; piece < torrent.metainfo().pieceCount() && failure == null; piece++) {
                    try {
                        torrent.writePiece(storage, piece);
                        assertTrue(storage.verify(piece));
                        verified.set(piece);
                    } catch (StorageException e) {
                        failure = e;
                    }
                }
                assertNotNull(failure, "3 MiB fit on a 1 MiB file system");
                assertEquals(StorageException.Kind.DISK_FULL, failure.kind());
                assertEquals("disk full writing t/00", failure.getMessage());
                if (allocation == StorageOptions.Allocation.SPARSE) {
                    assertTrue(verified.cardinality() > 5, "pieces written before the disk filled: " + verified);
                } else {
                    assertTrue(verified.isEmpty(), "pieces written before the disk filled: " + verified);
                }

                BitSet all = new BitSet();
                all.set(0, torrent.metainfo().pieceCount());
                assertEquals(verified, storage.recheck(all, 2, (p, v, c, t) -> { }, () -> false).verified(),
                        "what was verified before the disk filled is intact, nothing else passes");

                assertTrue(Tmpfs.resize(small, "8m"));
                for (int piece = verified.nextClearBit(0); piece < torrent.metainfo().pieceCount(); piece++) {
                    torrent.writePiece(storage, piece);
                    assertTrue(storage.verify(piece), "piece " + piece);
                }
            }
            assertArrayEquals(torrent.stream(), Files.readAllBytes(small.resolve("t/00")));
        } finally {
            Tmpfs.unmount(small);
        }
    }
}
