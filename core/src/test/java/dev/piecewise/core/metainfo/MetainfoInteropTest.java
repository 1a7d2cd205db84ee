package dev.piecewise.core.metainfo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Torrents made by mktorrent and libtorrent parse to the info-hashes those tools compute, and libtorrent reads ours. */
class MetainfoInteropTest {

    @TempDir
    Path directory;
    private Path data;

    @BeforeEach
    void makeData() throws IOException {
        data = Files.createDirectories(directory.resolve("payload"));
        Files.createDirectories(data.resolve("sub"));
        Random random = new Random(42);
        for (String name : List.of("a.bin", "sub/b.txt", "sub/c", "z")) {
            byte[] bytes = new byte[20_000 + random.nextInt(50_000)];
            random.nextBytes(bytes);
            Files.write(data.resolve(name), bytes);
        }
    }

    private String libtorrentHash(Path torrent) throws IOException {
        return ExternalTools.libtorrentHash(torrent);
    }

    private Path libtorrentCreate(String kind) throws IOException {
        return ExternalTools.libtorrentCreate(data, kind, directory.resolve(kind + ".torrent"));
    }

    @Test
    void readsMktorrentTorrentsWithTheHashOtherClientsCompute() throws Exception {
        ExternalTools.require("mktorrent");
        ExternalTools.require("transmission-show");
        ExternalTools.requireLibtorrent();
        Path torrent = directory.resolve("mk.torrent");
        ExternalTools.run(List.of("mktorrent", "-a", "http://127.0.0.1:6969/announce", "-a",
                "udp://127.0.0.1:6969", "-l", "15", "-c", "hello", "-o", torrent.toString(), data.toString()),
                directory);
        Metainfo metainfo = MetainfoParser.read(torrent);

        Matcher show = Pattern.compile("Hash: ([0-9a-f]{40})").matcher(ExternalTools.run(
                List.of("transmission-show", torrent.toString()), directory));
        assertTrue(show.find());
        assertEquals(show.group(1), metainfo.infoHash().hex());
        assertEquals(libtorrentHash(torrent), metainfo.infoHash().hex());
        assertEquals("payload", metainfo.name());
        assertEquals(32768, metainfo.pieceLength());
        assertEquals(4, metainfo.files().size());
        assertEquals(List.of(List.of("http://127.0.0.1:6969/announce"), List.of("udp://127.0.0.1:6969")),
                metainfo.announceTiers());
        assertEquals("hello", metainfo.details().comment().orElseThrow());

        Path single = directory.resolve("single.torrent");
        ExternalTools.run(List.of("mktorrent", "-a", "http://127.0.0.1:6969/announce", "-l", "15", "-p", "-o",
                single.toString(), data.resolve("a.bin").toString()), directory);
        Metainfo singleFile = MetainfoParser.read(single);
        assertEquals(libtorrentHash(single), singleFile.infoHash().hex());
        assertEquals(List.of(new TorrentFile(List.of("a.bin"), Files.size(data.resolve("a.bin")), 0, false)),
                singleFile.files());
        assertTrue(singleFile.isPrivate());
    }

    @Test
    void readsLibtorrentPadFiles() throws Exception {
        ExternalTools.requireLibtorrent();
        for (String kind : List.of("v1-pad", "hybrid")) {
            Path torrent = libtorrentCreate(kind);
            Metainfo metainfo = MetainfoParser.read(torrent);
            assertEquals(libtorrentHash(torrent), metainfo.infoHash().hex(), kind);
            List<TorrentFile> pads = metainfo.files().stream().filter(TorrentFile::pad).toList();
            assertFalse(pads.isEmpty(), kind);
            for (TorrentFile file : metainfo.files()) {
                // every real file starts on a piece boundary: that is what the pad files are for
                assertTrue(file.pad() || file.offset() % metainfo.pieceLength() == 0, kind + " " + file);
            }
            long payload = metainfo.files().stream().filter(f -> !f.pad()).mapToLong(TorrentFile::length).sum();
            try (var files = Files.walk(data)) {
                assertEquals(files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum(), payload);
            }
        }
    }

    @Test
    void refusesLibtorrentV2OnlyTorrents() throws Exception {
        ExternalTools.requireLibtorrent();
        Path torrent = libtorrentCreate("v2");
        assertEquals(torrent + ": v2-only torrents are not supported yet",
                assertThrows(MetainfoException.class, () -> MetainfoParser.read(torrent)).getMessage());
    }

    @Test
    void libtorrentReadsOurTorrentsAndFindsTheDataComplete() throws Exception {
        ExternalTools.requireLibtorrent();
        Path torrent = directory.resolve("ours.torrent");
        TorrentBuilder.of(data).pieceLength(16384).trackers(List.of(List.of("http://127.0.0.1:6969/announce")))
                .write(torrent);
        assertEquals(libtorrentHash(torrent), MetainfoParser.read(torrent).infoHash().hex());
        assertEquals("complete", ExternalTools.libtorrentCheck(torrent, directory));
    }
}
