package dev.piecewise.core.metainfo;

import dev.piecewise.api.InfoHash;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A v1 torrent (single- or multi-file; a hybrid v1/v2 torrent is read as v1), validated and with safe paths. Made by
 * {@link MetainfoParser}; immutable.
 */
public final class Metainfo {

    /** The length of one piece hash (SHA-1). */
    public static final int HASH_LENGTH = 20;

    private final byte[] infoBytes;
    private final InfoHash infoHash;
    private final String name;
    private final FileLayout layout;
    private final byte[] pieceHashes;
    private final List<List<String>> announceTiers;
    private final boolean privateTorrent;
    private final Details details;

    /**
     * What a torrent says about itself beyond its data, each if present.
     *
     * @param comment      free text from the torrent's author
     * @param createdBy    the program that made it
     * @param creationDate when it was made
     */
    public record Details(Optional<String> comment, Optional<String> createdBy, Optional<Instant> creationDate) {

        public static final Details NONE = new Details(Optional.empty(), Optional.empty(), Optional.empty());
    }

    Metainfo(byte[] infoBytes, InfoHash infoHash, String name, FileLayout layout, byte[] pieceHashes,
             List<List<String>> announceTiers, boolean privateTorrent, Details details) {
        if (pieceHashes.length != HASH_LENGTH * layout.pieceCount()) {
            throw new IllegalArgumentException(pieceHashes.length + " bytes of hashes for " + layout.pieceCount()
                    + " pieces");
        }
        this.infoBytes = infoBytes.clone();
        this.infoHash = infoHash;
        this.name = name;
        this.layout = layout;
        this.pieceHashes = pieceHashes.clone();
        this.announceTiers = announceTiers.stream().map(List::copyOf).toList();
        this.privateTorrent = privateTorrent;
        this.details = details;
    }

    /** The SHA-1 of {@link #infoBytes()}. */
    public InfoHash infoHash() {
        return infoHash;
    }

    /** The info dictionary exactly as it appears in the torrent file (what BEP 9 serves to peers). */
    public byte[] infoBytes() {
        return infoBytes.clone();
    }

    /** The torrent's name made safe: the file's name, or the root folder's for a multi-file torrent. */
    public String name() {
        return name;
    }

    public FileLayout layout() {
        return layout;
    }

    /** The files in torrent order, pad files included (see {@link TorrentFile#pad()}). */
    public List<TorrentFile> files() {
        return layout.files();
    }

    public long totalLength() {
        return layout.totalLength();
    }

    public int pieceCount() {
        return layout.pieceCount();
    }

    /** The nominal piece length. */
    public int pieceLength() {
        return layout.pieceLength();
    }

    /** The length of piece {@code piece} (the last one may be shorter). */
    public int pieceLength(int piece) {
        return layout.pieceLength(piece);
    }

    /** The expected SHA-1 of piece {@code piece}. */
    public byte[] pieceHash(int piece) {
        int from = hashOffset(piece);
        return Arrays.copyOfRange(pieceHashes, from, from + HASH_LENGTH);
    }

    /** Whether {@code digest} is the expected SHA-1 of piece {@code piece}, compared without copying. */
    public boolean pieceHashMatches(int piece, byte[] digest) {
        int from = hashOffset(piece);
        return Arrays.equals(pieceHashes, from, from + HASH_LENGTH, digest, 0, digest.length);
    }

    /**
     * The trackers, tier by tier (BEP 12), in the file's order: {@code announce-list} if it names any, else
     * {@code announce}; possibly none. Shuffling within a tier, as BEP 12 asks, is the announcer's job.
     */
    public List<List<String>> announceTiers() {
        return announceTiers;
    }

    /** BEP 27: peers only from the torrent's trackers (no DHT, PEX or local discovery). */
    public boolean isPrivate() {
        return privateTorrent;
    }

    public Details details() {
        return details;
    }

    private int hashOffset(int piece) {
        if (piece < 0 || piece >= pieceCount()) {
            throw new IndexOutOfBoundsException("piece " + piece + " of " + pieceCount());
        }
        return piece * HASH_LENGTH;
    }

    @Override
    public String toString() {
        return name + " (" + infoHash + ", " + totalLength() + " bytes in " + files().size() + " files, "
                + pieceCount() + " pieces of " + pieceLength() + ")";
    }
}
