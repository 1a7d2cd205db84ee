package dev.piecewise.core.metainfo;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;

import java.util.Arrays;
import java.util.List;

/** Hand-made torrents for tests: valid ones to start from, and the means to break them. */
final class Torrents {

    private Torrents() {
    }

    /** {@code count} piece hashes, each piece's hash filled with its index. */
    static byte[] pieces(int count) {
        byte[] pieces = new byte[count * 20];
        for (int i = 0; i < count; i++) {
            Arrays.fill(pieces, i * 20, i * 20 + 20, (byte) i);
        }
        return pieces;
    }

    /** A file entry of a multi-file info dictionary. */
    static BDictionary file(long length, String... path) {
        return BDictionary.builder().put("length", length).put("path", strings(path)).build();
    }

    static BDictionary padFile(long length) {
        return BDictionary.builder().put("length", length).put("path", strings(".pad", Long.toString(length)))
                .put("attr", "p").build();
    }

    static BList strings(String... values) {
        return new BList(Arrays.stream(values).<BValue>map(BString::of).toList());
    }

    /** A multi-file info dictionary with pieces of 16 KiB and the right number of hashes. */
    static BDictionary.Builder multiFileInfo(String name, BDictionary... files) {
        long total = Arrays.stream(files).mapToLong(f -> ((dev.piecewise.api.bencode.BInteger)
                f.get("length").orElseThrow()).value()).sum();
        return BDictionary.builder().put("name", name).put("piece length", 16384)
                .put("pieces", pieces((int) ((total + 16383) / 16384)))
                .put("files", new BList(List.of(files)));
    }

    static BDictionary.Builder singleFileInfo(String name, long length, int pieceLength) {
        return BDictionary.builder().put("name", name).put("piece length", pieceLength).put("length", length)
                .put("pieces", pieces((int) ((length + pieceLength - 1) / pieceLength)));
    }

    static byte[] torrent(BDictionary.Builder info) {
        return Bencode.encode(BDictionary.builder().put("announce", "http://127.0.0.1:6969/announce")
                .put("info", info.build()).build());
    }
}
