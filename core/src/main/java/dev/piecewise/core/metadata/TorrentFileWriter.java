package dev.piecewise.core.metadata;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Writes a .torrent file around an info dictionary fetched from peers: what {@code save-torrent} writes, and what a
 * magnet torrent is saved as once its metadata is known. The info dictionary goes in byte for byte, never re-encoded,
 * so the file's info-hash is the magnet's even when the dictionary's keys were not in canonical order.
 */
public final class TorrentFileWriter {

    private TorrentFileWriter() {
    }

    /**
     * The .torrent file's bytes: {@code announce} (the first tracker) and {@code announce-list} when there are
     * trackers, {@code created by}, {@code creation date}, then {@code info}.
     *
     * @param info      the info dictionary's exact bytes
     * @param tiers     the trackers, tier by tier
     * @param createdBy the program, e.g. {@code Piecewise 0.1.0}
     */
    public static byte[] write(byte[] info, List<List<String>> tiers, String createdBy, Instant now) {
        var root = BDictionary.builder();
        if (!tiers.isEmpty() && !tiers.getFirst().isEmpty()) {
            root.put("announce", tiers.getFirst().getFirst());
            root.put("announce-list", new BList(tiers.stream().<BValue>map(tier -> new BList(
                    tier.stream().<BValue>map(BString::of).toList())).toList()));
        }
        root.put("created by", createdBy).put("creation date", now.getEpochSecond());
        byte[] withoutInfo = Bencode.encode(root.build());
        // every other key sorts before "info", so the info dictionary goes last, just before the closing 'e'
        var out = new ByteArrayOutputStream(withoutInfo.length + info.length + 8);
        out.write(withoutInfo, 0, withoutInfo.length - 1);
        out.writeBytes("4:info".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(info);
        out.write('e');
        return out.toByteArray();
    }
}
