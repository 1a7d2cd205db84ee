package dev.piecewise.core.metainfo;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.Bencode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static dev.piecewise.core.metainfo.Torrents.file;
import static dev.piecewise.core.metainfo.Torrents.multiFileInfo;
import static dev.piecewise.core.metainfo.Torrents.padFile;
import static dev.piecewise.core.metainfo.Torrents.pieces;
import static dev.piecewise.core.metainfo.Torrents.singleFileInfo;
import static dev.piecewise.core.metainfo.Torrents.strings;
import static dev.piecewise.core.metainfo.Torrents.torrent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetainfoParserTest {

    private static Metainfo parse(byte[] torrent) throws MetainfoException {
        return MetainfoParser.parse(torrent, "test.torrent");
    }

    private static String refusal(byte[] torrent) {
        String message = assertThrows(MetainfoException.class, () -> parse(torrent)).getMessage();
        assertTrue(message.startsWith("test.torrent: "), message);
        return message.substring("test.torrent: ".length());
    }

    @Test
    void readsASingleFileTorrent() throws MetainfoException {
        byte[] torrent = torrent(singleFileInfo("movie.mkv", 40_000, 16384));
        Metainfo metainfo = parse(torrent);
        assertEquals("movie.mkv", metainfo.name());
        assertEquals(40_000, metainfo.totalLength());
        assertEquals(3, metainfo.pieceCount());
        assertEquals(16384, metainfo.pieceLength());
        assertEquals(16384, metainfo.pieceLength(1));
        assertEquals(40_000 - 2 * 16384, metainfo.pieceLength(2));
        assertArrayEquals(Arrays.copyOfRange(pieces(3), 40, 60), metainfo.pieceHash(2));
        assertTrue(metainfo.pieceHashMatches(2, Arrays.copyOfRange(pieces(3), 40, 60)));
        assertFalse(metainfo.pieceHashMatches(1, Arrays.copyOfRange(pieces(3), 40, 60)));
        assertEquals(List.of(new TorrentFile(List.of("movie.mkv"), 40_000, 0, false)), metainfo.files());
        assertEquals(List.of(List.of("http://127.0.0.1:6969/announce")), metainfo.announceTiers());
        assertFalse(metainfo.isPrivate());
        assertEquals(Metainfo.Details.NONE, metainfo.details());
    }

    @Test
    void theInfoHashIsTheSha1OfTheInfoBytes() throws MetainfoException {
        byte[] torrent = torrent(singleFileInfo("x", 1, 16384));
        byte[] info = Bencode.encode(singleFileInfo("x", 1, 16384).build());
        Metainfo metainfo = parse(torrent);
        assertArrayEquals(info, metainfo.infoBytes());
        assertEquals(HexFormat.of().formatHex(Sha1.digest(info)), metainfo.infoHash().hex());
    }

    @Test
    void readsUnsortedKeysAndHashesTheOriginalBytes() throws Exception {
        // keys out of order at both levels, as some torrent makers write them; valid otherwise
        String info = "d6:lengthi5e4:name1:x12:piece lengthi16384e6:pieces20:" + "a".repeat(20)
                + "7:privatei1e4:attr0:e";
        String torrent = "d4:info" + info + "8:announce3:urle";
        Metainfo metainfo = parse(torrent.getBytes(StandardCharsets.ISO_8859_1));
        byte[] original = info.getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(original, metainfo.infoBytes());
        assertEquals(HexFormat.of().formatHex(Sha1.digest(original)), metainfo.infoHash().hex());
        byte[] canonical = Bencode.encode(Bencode.decoder().acceptingUnsortedKeys().decode(original));
        assertNotEquals(HexFormat.of().formatHex(Sha1.digest(canonical)), metainfo.infoHash().hex());
        assertTrue(metainfo.isPrivate());
    }

    @Test
    void refusesDuplicateKeysEvenWhereOrderIsLenient() {
        String torrent = "d4:infod4:name1:x4:name1:y6:lengthi1e12:piece lengthi16384e6:pieces20:"
                + "a".repeat(20) + "ee";
        assertTrue(refusal(torrent.getBytes(StandardCharsets.ISO_8859_1)).contains("duplicate dictionary key \"name\""));
    }

    @Test
    void readsAMultiFileTorrentWithPadFiles() throws MetainfoException {
        Metainfo metainfo = parse(torrent(multiFileInfo("album",
                file(10_000, "cd1", "01.flac"), padFile(6384), file(20_000, "cd1", "02.flac"), file(0, "empty"))));
        assertEquals("album", metainfo.name());
        assertEquals(36_384, metainfo.totalLength());
        assertEquals(List.of(
                new TorrentFile(List.of("album", "cd1", "01.flac"), 10_000, 0, false),
                new TorrentFile(List.of("album", ".pad", "6384"), 6384, 10_000, true),
                new TorrentFile(List.of("album", "cd1", "02.flac"), 20_000, 16_384, false),
                new TorrentFile(List.of("album", "empty"), 0, 36_384, false)), metainfo.files());
        assertEquals(Path.of("album", "cd1", "02.flac"), metainfo.files().get(2).relativePath());
    }

    @Test
    void padFilesMayShareAPath() throws MetainfoException {
        Metainfo metainfo = parse(torrent(multiFileInfo("t",
                file(100, "a"), padFile(16284), file(100, "b"), padFile(16284), file(1, "c"))));
        assertEquals(metainfo.files().get(1).path(), metainfo.files().get(3).path());
    }

    @Test
    void prefersUtf8NamesWhenPresent() throws MetainfoException {
        BDictionary entry = BDictionary.builder().put("length", 5).put("path", strings("f\u00fcr"))
                .put("path.utf-8", strings("f\u00fcr-utf8")).build();
        Metainfo metainfo = parse(torrent(multiFileInfo("n", entry).put("name.utf-8", "n\u00e9")));
        assertEquals("n\u00e9", metainfo.name());
        assertEquals(List.of("n\u00e9", "f\u00fcr-utf8"), metainfo.files().getFirst().path());
    }

    @Test
    void announceListTakesPrecedenceTierByTier() throws MetainfoException {
        BList tiers = new BList(List.of(strings("udp://a:1", "http://b/announce", "udp://a:1"),
                strings(), strings("  http://c/announce "), BDictionary.builder().build(), strings("")));
        byte[] torrent = Bencode.encode(BDictionary.builder().put("announce", "http://ignored/announce")
                .put("announce-list", tiers).put("info", singleFileInfo("x", 1, 16384).build()).build());
        assertEquals(List.of(List.of("udp://a:1", "http://b/announce"), List.of("http://c/announce")),
                parse(torrent).announceTiers());
    }

    @Test
    void anEmptyAnnounceListFallsBackToAnnounce() throws MetainfoException {
        byte[] torrent = Bencode.encode(BDictionary.builder().put("announce", "http://a/announce")
                .put("announce-list", new BList(List.of(strings()))).put("info", singleFileInfo("x", 1, 16384).build())
                .build());
        assertEquals(List.of(List.of("http://a/announce")), parse(torrent).announceTiers());
        byte[] trackerless = Bencode.encode(BDictionary.builder().put("info", singleFileInfo("x", 1, 16384).build())
                .build());
        assertEquals(List.of(), parse(trackerless).announceTiers());
    }

    @Test
    void readsDetails() throws MetainfoException {
        byte[] torrent = Bencode.encode(BDictionary.builder().put("comment", "hello").put("created by", "maker 1.0")
                .put("creation date", 1_700_000_000L).put("info", singleFileInfo("x", 1, 16384).build()).build());
        assertEquals(new Metainfo.Details(Optional.of("hello"), Optional.of("maker 1.0"),
                Optional.of(Instant.ofEpochSecond(1_700_000_000L))), parse(torrent).details());
        byte[] badDate = Bencode.encode(BDictionary.builder().put("creation date", -5)
                .put("info", singleFileInfo("x", 1, 16384).build()).build());
        assertEquals(Optional.empty(), parse(badDate).details().creationDate());
    }

    @Test
    void aTorrentWithoutANameIsNamedAfterItsInfoHash() throws MetainfoException {
        Metainfo metainfo = parse(torrent(singleFileInfo("", 1, 16384)));
        assertEquals(metainfo.infoHash().hex(), metainfo.name());
    }

    @Test
    void refusesV2OnlyTorrentsButReadsHybridsAsV1() throws MetainfoException {
        BDictionary.Builder v2 = BDictionary.builder().put("name", "x").put("piece length", 16384)
                .put("meta version", 2).put("file tree", BDictionary.builder().build());
        assertEquals("v2-only torrents are not supported yet", refusal(torrent(v2)));
        Metainfo hybrid = parse(torrent(singleFileInfo("x", 1, 16384).put("meta version", 2)
                .put("file tree", BDictionary.builder().build())));
        assertEquals(1, hybrid.totalLength());
        assertEquals("unknown torrent format version 3",
                refusal(torrent(singleFileInfo("x", 1, 16384).put("meta version", 3))));
    }

    @Test
    void refusesWhatIsNotATorrent() {
        assertTrue(refusal("garbage".getBytes(StandardCharsets.US_ASCII))
                .startsWith("not a valid torrent file: at byte 0: expected a value"));
        assertEquals("not a torrent file: it is not a bencoded dictionary", refusal("li1ee".getBytes(
                StandardCharsets.US_ASCII)));
        assertEquals("not a torrent file: it has no info dictionary", refusal("d8:announce1:ue".getBytes(
                StandardCharsets.US_ASCII)));
        assertEquals("not a torrent file: its \"info\" is not a dictionary", refusal("d4:infoi1ee".getBytes(
                StandardCharsets.US_ASCII)));
        byte[] valid = torrent(singleFileInfo("x", 1, 16384));
        assertTrue(refusal(Arrays.copyOf(valid, valid.length - 1)).contains("unexpected end of input"));
    }

    @Test
    void refusesInvalidSizesWithClearMessages() {
        assertEquals("the piece length 0 is not positive", refusal(torrent(singleFileInfo("x", 1, 16384)
                .put("piece length", 0))));
        assertEquals("the piece length 268435456 is larger than 128 MiB, more than Piecewise accepts",
                refusal(torrent(singleFileInfo("x", 1, 16384).put("piece length", 256 << 20))));
        assertEquals("the file has a negative length (-1)", refusal(torrent(singleFileInfo("x", 1, 16384)
                .put("length", -1))));
        assertEquals("file #2 has a negative length (-5)", refusal(torrent(multiFileInfo("t", file(5, "a"))
                .put("files", new BList(List.of(file(5, "a"), file(-5, "b")))))));
        assertEquals("the torrent holds no data: its length is 0", refusal(torrent(multiFileInfo("t",
                file(0, "a"), file(0, "b")))));
        assertEquals("the torrent lists no files", refusal(torrent(multiFileInfo("t").put("files", BList.of()))));
        assertEquals("the info dictionary has both \"length\" and \"files\"", refusal(torrent(multiFileInfo("t",
                file(1, "a")).put("length", 1))));
        assertEquals("the info dictionary has neither \"length\" nor \"files\"", refusal(torrent(BDictionary.builder()
                .put("name", "x").put("piece length", 16384).put("pieces", pieces(1)))));
        assertEquals("the info dictionary has no \"piece length\"", refusal(torrent(BDictionary.builder()
                .put("name", "x").put("length", 1).put("pieces", pieces(1)))));
        assertEquals("\"length\" in file #1 is not an integer", refusal(torrent(multiFileInfo("t", file(1, "a"))
                .put("files", new BList(List.of(BDictionary.builder().put("length", "1").put("path", strings("a"))
                        .build()))))));
        assertEquals("file #1 is not a dictionary", refusal(torrent(multiFileInfo("t", file(1, "a"))
                .put("files", BList.of(strings("a"))))));
        assertEquals("the path of file #1 has an element that is not a string", refusal(torrent(multiFileInfo("t",
                BDictionary.builder().put("length", 1).put("path", new BList(List.of(strings("a")))).build()))));
        assertEquals("the files add up to more than 2^63 bytes", refusal(torrent(multiFileInfo("t", file(1, "a"))
                .put("files", new BList(List.of(file(Long.MAX_VALUE, "a"), file(1, "b")))))));
    }

    @Test
    void refusesPieceHashesThatDoNotMatchTheLength() {
        assertEquals("\"pieces\" is 39 bytes long, not a multiple of 20", refusal(torrent(singleFileInfo("x",
                40_000, 16384).put("pieces", new byte[39]))));
        assertEquals("\"pieces\" has 2 hashes, but 40000 bytes in pieces of 16384 make 3 pieces",
                refusal(torrent(singleFileInfo("x", 40_000, 16384).put("pieces", pieces(2)))));
        assertEquals("\"pieces\" has 4 hashes, but 40000 bytes in pieces of 16384 make 3 pieces",
                refusal(torrent(singleFileInfo("x", 40_000, 16384).put("pieces", pieces(4)))));
        assertEquals("the info dictionary has no \"pieces\"", refusal(torrent(BDictionary.builder().put("name", "x")
                .put("piece length", 16384).put("length", 1))));
    }

    @Test
    void refusesEnormousPieceCountsBeforeLookingAtTheHashes() {
        // a petabyte in 1-byte pieces would need 20 PB of hashes; refused from the numbers alone
        assertEquals("1125899906842624 bytes in pieces of 1 make 1125899906842624 pieces, more than the 4194304"
                + " Piecewise accepts", refusal(torrent(singleFileInfo("x", 1, 1).put("length", 1L << 50))));
    }

    @Test
    void readsFromAFileAndNamesItInErrors(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("good.torrent");
        Files.write(file, torrent(singleFileInfo("x", 1, 16384)));
        assertEquals("x", MetainfoParser.read(file).name());

        Path missing = directory.resolve("missing.torrent");
        assertEquals(missing + ": no such file",
                assertThrows(MetainfoException.class, () -> MetainfoParser.read(missing)).getMessage());

        Path huge = directory.resolve("huge.torrent");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(MetainfoParser.MAX_TORRENT_FILE_SIZE + 1L);
        }
        assertEquals(huge + ": larger than 64 MiB, which no torrent file is",
                assertThrows(MetainfoException.class, () -> MetainfoParser.read(huge)).getMessage());

        assertTrue(assertThrows(MetainfoException.class, () -> MetainfoParser.read(directory)).getMessage()
                .startsWith(directory + ": cannot be read: "));
    }

    @Test
    void parsesAnInfoDictionaryFetchedFromPeers() throws MetainfoException, IOException {
        byte[] info = Bencode.encode(singleFileInfo("x", 1, 16384).build());
        Metainfo metainfo = MetainfoParser.parseInfo(info, List.of(List.of("udp://t:1")), "magnet");
        assertEquals(HexFormat.of().formatHex(Sha1.digest(info)), metainfo.infoHash().hex());
        assertEquals(List.of(List.of("udp://t:1")), metainfo.announceTiers());
        assertEquals("magnet: the info dictionary is not a dictionary", assertThrows(MetainfoException.class,
                () -> MetainfoParser.parseInfo("i1e".getBytes(StandardCharsets.US_ASCII), List.of(), "magnet"))
                .getMessage());
    }

    /** Random damage to real torrents: every outcome is a torrent or a {@link MetainfoException}, nothing else. */
    @Test
    void survivesRandomlyDamagedTorrents() {
        java.util.Random random = new java.util.Random(5);
        List<byte[]> seeds = List.of(
                torrent(singleFileInfo("movie.mkv", 40_000, 16384)),
                torrent(multiFileInfo("album", file(10_000, "cd1", "01.flac"), padFile(6384),
                        file(20_000, "cd1", "02.flac"), file(0, "empty"))),
                Bencode.encode(BDictionary.builder().put("announce-list", new BList(List.of(strings("udp://a:1"))))
                        .put("info", singleFileInfo("x", 1, 16384).put("private", 1).build()).build()));
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input = seeds.get(i % seeds.size()).clone();
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                int at = random.nextInt(input.length);
                input[at] = switch (random.nextInt(3)) {
                    case 0 -> (byte) random.nextInt(256);
                    case 1 -> (byte) "ilde:-0123456789./".charAt(random.nextInt(18));
                    default -> (byte) (input[at] + (random.nextBoolean() ? 1 : -1));
                };
            }
            try {
                Metainfo metainfo = parse(input);
                assertTrue(metainfo.totalLength() > 0 && metainfo.pieceCount() > 0);
                parsed++;
            } catch (MetainfoException e) {
                assertTrue(e.getMessage().startsWith("test.torrent: "), e.getMessage());
                refused++;
            }
        }
        assertTrue(parsed > 100 && refused > 1000, parsed + " parsed, " + refused + " refused");
    }
}
