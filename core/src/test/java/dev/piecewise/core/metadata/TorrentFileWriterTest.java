package dev.piecewise.core.metadata;

import dev.piecewise.api.InfoHash;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.MetainfoParser;
import dev.piecewise.core.metainfo.Sha1;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TorrentFileWriterTest {

    private static final Instant WHEN = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void theFileHoldsTheInfoDictionaryAsFetchedWithTheTrackersTierByTier() throws Exception {
        byte[] info = InfoDictionaries.singleFile("fetched.bin", 3);
        List<List<String>> tiers = List.of(List.of("http://127.0.0.1:6969/announce"),
                List.of("udp://127.0.0.1:6969", "udp://127.0.0.1:6970"));
        byte[] file = TorrentFileWriter.write(info, tiers, "Piecewise test", WHEN);
        Bencode.decode(file); // strict: keys sorted, nothing after the dictionary

        Metainfo metainfo = MetainfoParser.parse(file, "written.torrent");
        assertEquals(InfoHash.of(Sha1.digest(info)), metainfo.infoHash());
        assertArrayEquals(info, metainfo.infoBytes());
        assertEquals(tiers, metainfo.announceTiers());
        assertEquals(Optional.of("Piecewise test"), metainfo.details().createdBy());
        assertEquals(Optional.of(WHEN), metainfo.details().creationDate());
    }

    @Test
    void anInfoDictionaryWithKeysOutOfOrderKeepsItsInfoHash() throws Exception {
        byte[] unsorted = "d6:lengthi5e4:name1:x12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaae"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] file = TorrentFileWriter.write(unsorted, List.of(), "Piecewise test", WHEN);
        assertEquals(InfoHash.of(Sha1.digest(unsorted)), MetainfoParser.parse(file, "t").infoHash());
        assertEquals(List.of(), MetainfoParser.parse(file, "t").announceTiers());
    }
}
