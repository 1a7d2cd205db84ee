package dev.piecewise.core.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResumeStateTest {

    @TempDir
    Path directory;

    /** A torrent of three files, its first pieces written (and so verified) in storage; returns the state. */
    private record Started(TestTorrent torrent, Storage storage, BitSet verified) {
    }

    private Started start() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile(directory, "t", 16384, 50_000, 40_000, 30_000);
        Storage storage = Storage.open(torrent.metainfo(), directory.resolve("downloads"), StorageOptions.DEFAULT);
        BitSet verified = new BitSet();
        for (int piece = 0; piece < 5; piece++) {
            torrent.writePiece(storage, piece);
            assertTrue(storage.verify(piece));
            verified.set(piece);
        }
        return new Started(torrent, storage, verified);
    }

    private static BitSet range(int from, int to) {
        BitSet bits = new BitSet();
        bits.set(from, to);
        return bits;
    }

    @Test
    void roundTripsAndTrustsUnchangedFiles() throws Exception {
        Started started = start();
        try (Storage storage = started.storage()) {
            Path file = directory.resolve("t.resume");
            ResumeState state = ResumeState.capture(storage, started.verified());
            state.save(file);
            ResumeState loaded = ResumeState.load(file).orElseThrow();
            assertEquals(state, loaded);
            assertEquals(started.verified(), loaded.verified());
            ResumeState.Plan plan = loaded.plan(storage);
            assertEquals(started.verified(), plan.trusted());
            assertTrue(plan.recheck().isEmpty());
        }
    }

    @Test
    void rechecksEveryPieceOfAFileThatChanged() throws Exception {
        Started started = start();
        try (Storage storage = started.storage()) {
            ResumeState state = ResumeState.capture(storage, started.verified());
            // file 1 (bytes 50,000 to 90,000: pieces 3 to 5) touched after the save
            Path second = storage.path(1);
            Files.setLastModifiedTime(second, FileTime.from(Instant.now().plusSeconds(5)));
            ResumeState.Plan plan = state.plan(storage);
            assertEquals(range(0, 3), plan.trusted());
            assertEquals(range(3, 6), plan.recheck());
        }
    }

    @Test
    void rechecksFilesThatWereResizedDeletedOrCreated() throws Exception {
        Started started = start();
        try (Storage storage = started.storage()) {
            ResumeState state = ResumeState.capture(storage, started.verified());
            assertEquals(FileStamp.ABSENT, state.files().get(2), "file 2 was never written");
            Files.delete(storage.path(0));
            Files.write(storage.path(2), new byte[10]);
            ResumeState.Plan plan = state.plan(storage);
            // piece 3 spans files 0 and 1: with file 0 gone it is not trusted either
            assertEquals(range(4, 5), plan.trusted());
            BitSet recheck = range(0, 4);
            recheck.set(5, 8);
            assertEquals(recheck, plan.recheck());
        }
    }

    @Test
    void stateForAnotherTorrentChecksEverything() throws Exception {
        Started started = start();
        TestTorrent other = TestTorrent.multiFile(directory.resolve("other"), "t", 16384, 50_000, 40_000, 30_001);
        try (Storage storage = started.storage();
             Storage otherStorage = Storage.open(other.metainfo(), directory.resolve("o"), StorageOptions.DEFAULT)) {
            ResumeState state = ResumeState.capture(storage, started.verified());
            assertEquals(ResumeState.Plan.checkAll(other.metainfo().pieceCount()), state.plan(otherStorage));
        }
    }

    @Test
    void aTornOrTruncatedStateFileIsNeverTrusted() throws Exception {
        Started started = start();
        try (Storage storage = started.storage()) {
            Path file = directory.resolve("t.resume");
            ResumeState.capture(storage, started.verified()).save(file);
            byte[] saved = Files.readAllBytes(file);
            BitSet more = started.verified();
            more.set(5, 7);
            ResumeState.capture(storage, more).save(file);
            byte[] newer = Files.readAllBytes(file);
            assertEquals(saved.length, newer.length, "the test mixes two states of one length");
            Path damaged = directory.resolve("damaged.resume");
            for (int length = 0; length < saved.length; length++) {
                Files.write(damaged, Arrays.copyOf(saved, length));
                assertEquals(Optional.empty(), ResumeState.load(damaged), "truncated to " + length);
            }
            for (int cut = 1; cut < saved.length; cut++) {
                byte[] torn = Arrays.copyOf(saved, saved.length);
                System.arraycopy(newer, cut, torn, cut, saved.length - cut);
                if (!Arrays.equals(torn, saved) && !Arrays.equals(torn, newer)) {
                    Files.write(damaged, torn);
                    assertEquals(Optional.empty(), ResumeState.load(damaged), "torn at " + cut);
                }
            }
            for (int i = 0; i < saved.length; i++) {
                byte[] flipped = saved.clone();
                flipped[i] ^= 0x10;
                Files.write(damaged, flipped);
                assertEquals(Optional.empty(), ResumeState.load(damaged), "flipped at " + i);
            }
        }
    }

    @Test
    void savingReplacesTheOldStateWholeAndLeavesNoTemporaryFile() throws Exception {
        Started started = start();
        try (Storage storage = started.storage()) {
            Path file = directory.resolve("t.resume");
            // a temporary file left by a crash in the middle of an earlier save does not matter
            Files.write(directory.resolve("t.resume.tmp"), new byte[]{'d', '1'});
            ResumeState.capture(storage, started.verified()).save(file);
            byte[] first = Files.readAllBytes(file);
            BitSet more = started.verified();
            more.set(5);
            ResumeState.capture(storage, more).save(file);
            assertFalse(Arrays.equals(first, Files.readAllBytes(file)));
            assertEquals(more, ResumeState.load(file).orElseThrow().verified());
            assertFalse(Files.exists(directory.resolve("t.resume.tmp")));
        }
        assertEquals(Optional.empty(), ResumeState.load(directory.resolve("none.resume")));
    }

    @Test
    void captureSeesTheWrittenFiles() throws Exception {
        Started started = start();
        try (Storage storage = started.storage()) {
            ResumeState state = ResumeState.capture(storage, started.verified());
            assertEquals(50_000, state.files().get(0).size());
            assertEquals(40_000, state.files().get(1).size());
            assertTrue(state.files().get(0).modifiedNanos() > 0);
            assertArrayEquals(started.torrent().metainfo().infoHash().bytes(), state.infoHash().bytes());
        }
    }
}
