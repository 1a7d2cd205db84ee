package dev.piecewise.core.metadata;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.Bencode;

/** Real info dictionaries for tests, of any size, and their info-hashes. */
final class InfoDictionaries {

    private InfoDictionaries() {
    }

    /**
     * A single-file torrent's info dictionary of {@code pieceCount} pieces of 16 KiB; each piece hash takes 20 bytes,
     * so the dictionary is a little over {@code 20 * pieceCount} bytes.
     */
    static byte[] singleFile(String name, int pieceCount) {
        byte[] hashes = new byte[20 * pieceCount];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = (byte) (i * 31 + name.length());
        }
        return Bencode.encode(BDictionary.builder().put("name", name).put("piece length", 16384)
                .put("length", 16384L * pieceCount).put("pieces", hashes).build());
    }
}
