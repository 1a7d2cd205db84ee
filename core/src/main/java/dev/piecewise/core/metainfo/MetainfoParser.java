package dev.piecewise.core.metainfo;

import dev.piecewise.api.InfoHash;
import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.api.bencode.BencodeDecoder;
import dev.piecewise.api.bencode.BencodeException;
import dev.piecewise.api.bencode.Decoded;
import dev.piecewise.core.metainfo.SafePaths.UnsafePathException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads v1 torrent files (BEP 3), and the info dictionaries of BEP 9, into validated {@link Metainfo}.
 *
 * <p>Lenient where real torrents need it and nothing is at stake: dictionary keys in any order (the info-hash is
 * always the SHA-1 of the info dictionary's original bytes), {@code name.utf-8} and {@code path.utf-8} preferred when
 * present, malformed tracker lists skipped. Strict where data or the disk is at stake: sizes, piece hashes and paths
 * (see {@link SafePaths}). A hybrid v1/v2 torrent is read as v1; a v2-only torrent is refused.
 */
public final class MetainfoParser {

    /** The largest torrent file read: the default bencode size limit, far beyond any real torrent. */
    public static final int MAX_TORRENT_FILE_SIZE = Bencode.decoder().limits().maxTotalSize();
    /** The largest piece length accepted (real torrents use up to 16 or 32 MiB). */
    public static final int MAX_PIECE_LENGTH = 128 << 20;
    /** The most pieces a torrent may have. */
    public static final int MAX_PIECES = 1 << 22;

    private static final BencodeDecoder DECODER = Bencode.decoder().acceptingUnsortedKeys().capturing("info");

    private final String source;

    private MetainfoParser(String source) {
        this.source = source;
    }

    /** Reads a .torrent file; the message of any failure starts with the file's path. */
    public static Metainfo read(Path file) throws MetainfoException {
        String source = file.toString();
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            // the size first, so an enormous file is refused unread; the bounded read covers one growing meanwhile
            data = Files.size(file) > MAX_TORRENT_FILE_SIZE ? null : in.readNBytes(MAX_TORRENT_FILE_SIZE + 1);
        } catch (NoSuchFileException e) {
            throw new MetainfoException(source, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new MetainfoException(source, "permission denied", e);
        } catch (IOException e) {
            throw new MetainfoException(source, "cannot be read: " + e.getMessage(), e);
        }
        if (data == null || data.length > MAX_TORRENT_FILE_SIZE) {
            throw new MetainfoException(source, "larger than " + (MAX_TORRENT_FILE_SIZE >> 20)
                    + " MiB, which no torrent file is");
        }
        return parse(data, source);
    }

    /**
     * Parses the bytes of a .torrent file.
     *
     * @param source what to call the torrent in messages (its file name)
     */
    public static Metainfo parse(byte[] torrent, String source) throws MetainfoException {
        return new MetainfoParser(source).parseTorrent(torrent);
    }

    /**
     * Makes a torrent from an info dictionary fetched from peers (BEP 9) and the trackers of its magnet link.
     *
     * @param info the info dictionary's bytes, whose SHA-1 the caller checks against the magnet's info-hash
     */
    public static Metainfo parseInfo(byte[] info, List<List<String>> announceTiers, String source)
            throws MetainfoException {
        MetainfoParser parser = new MetainfoParser(source);
        BValue value = parser.decode(info).value();
        if (!(value instanceof BDictionary dictionary)) {
            throw new MetainfoException(source, "the info dictionary is not a dictionary");
        }
        return parser.fromInfo(info, dictionary, announceTiers, Metainfo.Details.NONE);
    }

    private Metainfo parseTorrent(byte[] torrent) throws MetainfoException {
        Decoded decoded = decode(torrent);
        if (!(decoded.value() instanceof BDictionary root)) {
            throw fail("not a torrent file: it is not a bencoded dictionary");
        }
        if (decoded.captured().isEmpty()) {
            throw fail("not a torrent file: it has no info dictionary");
        }
        if (!(root.get("info").orElseThrow() instanceof BDictionary info)) {
            throw fail("not a torrent file: its \"info\" is not a dictionary");
        }
        byte[] infoBytes = decoded.captured().get().copyOf(torrent);
        return fromInfo(infoBytes, info, announceTiers(root), details(new Fields(source, root, "the torrent")));
    }

    private Decoded decode(byte[] data) throws MetainfoException {
        try {
            return DECODER.read(data, 0, data.length);
        } catch (BencodeException e) {
            throw new MetainfoException(source, "not a valid torrent file: " + e.getMessage(), e);
        }
    }

    private Metainfo fromInfo(byte[] infoBytes, BDictionary dictionary, List<List<String>> tiers,
                              Metainfo.Details details) throws MetainfoException {
        Fields info = new Fields(source, dictionary, "the info dictionary");
        Optional<Long> metaVersion = info.integer("meta version");
        Optional<BString> pieces = info.string("pieces");
        if (pieces.isEmpty()) {
            throw fail(metaVersion.orElse(1L) == 2 ? "v2-only torrents are not supported yet"
                    : "the info dictionary has no \"pieces\"");
        }
        if (metaVersion.isPresent() && metaVersion.get() != 1 && metaVersion.get() != 2) {
            throw fail("unknown torrent format version " + metaVersion.get());
        }
        int pieceLength = pieceLength(info.requiredInteger("piece length"));
        InfoHash infoHash = InfoHash.of(Sha1.digest(infoBytes));
        String name = name(info, infoHash);
        List<TorrentFile> files = files(info, name);
        FileLayout layout = layout(pieceLength, files);
        checkPieces(pieces.get(), layout);
        boolean privateTorrent = info.integer("private").orElse(0L) == 1;
        return new Metainfo(infoBytes, infoHash, name, layout, pieces.get().bytes(), tiers, privateTorrent, details);
    }

    private int pieceLength(long length) throws MetainfoException {
        if (length <= 0) {
            throw fail("the piece length " + length + " is not positive");
        }
        if (length > MAX_PIECE_LENGTH) {
            throw fail("the piece length " + length + " is larger than " + (MAX_PIECE_LENGTH >> 20)
                    + " MiB, more than Piecewise accepts");
        }
        return (int) length;
    }

    /** The torrent's name made safe; a torrent without one is named after its info-hash, as other clients do. */
    private String name(Fields info, InfoHash infoHash) throws MetainfoException {
        String name = info.preferredString("name.utf-8", "name").map(BString::text).orElse("");
        try {
            return name.isEmpty() ? infoHash.hex() : SafePaths.sanitizeName(name);
        } catch (UnsafePathException e) {
            throw fail("the torrent's name \"" + name + "\" is not allowed: it " + e.getMessage());
        }
    }

    private List<TorrentFile> files(Fields info, String name) throws MetainfoException {
        Optional<Long> length = info.integer("length");
        Optional<BList> entries = info.list("files");
        if (length.isPresent() == entries.isPresent()) {
            throw fail(length.isPresent() ? "the info dictionary has both \"length\" and \"files\""
                    : "the info dictionary has neither \"length\" nor \"files\"");
        }
        if (length.isPresent()) {
            return List.of(new TorrentFile(List.of(name), checkLength(length.get(), "the file"), 0, false));
        }
        if (entries.get().values().isEmpty()) {
            throw fail("the torrent lists no files");
        }
        List<TorrentFile> files = new ArrayList<>(entries.get().values().size());
        SafePaths.UniquePaths paths = new SafePaths.UniquePaths();
        long offset = 0;
        for (BValue entry : entries.get().values()) {
            String which = "file #" + (files.size() + 1);
            if (!(entry instanceof BDictionary dictionary)) {
                throw fail(which + " is not a dictionary");
            }
            TorrentFile file = file(new Fields(source, dictionary, which), which, name, offset, paths);
            files.add(file);
            offset = file.end();
        }
        return files;
    }

    private TorrentFile file(Fields entry, String which, String root, long offset, SafePaths.UniquePaths paths)
            throws MetainfoException {
        long length = checkLength(entry.requiredInteger("length"), which);
        boolean pad = entry.string("attr").map(attr -> attr.text().indexOf('p') >= 0).orElse(false);
        List<String> elements = pathElements(entry, which);
        try {
            List<String> path = SafePaths.sanitize(root, elements);
            if (Long.MAX_VALUE - offset < length) {
                throw fail("the files add up to more than 2^63 bytes");
            }
            return new TorrentFile(pad ? path : paths.claim(path), length, offset, pad);
        } catch (UnsafePathException e) {
            throw fail(which + " (\"" + String.join("/", elements) + "\") " + e.getMessage());
        }
    }

    private List<String> pathElements(Fields entry, String which) throws MetainfoException {
        Optional<BList> utf8 = entry.list("path.utf-8");
        BList path = utf8.isPresent() && utf8.get().values().stream().allMatch(BString.class::isInstance)
                ? utf8.get() : entry.requiredList("path");
        List<String> elements = new ArrayList<>(path.values().size());
        for (BValue element : path.values()) {
            if (!(element instanceof BString text)) {
                throw fail("the path of " + which + " has an element that is not a string");
            }
            elements.add(text.text());
        }
        return elements;
    }

    private long checkLength(long length, String which) throws MetainfoException {
        if (length < 0) {
            throw fail(which + " has a negative length (" + length + ")");
        }
        return length;
    }

    private FileLayout layout(int pieceLength, List<TorrentFile> files) throws MetainfoException {
        long total = files.getLast().end();
        if (total == 0) {
            throw fail("the torrent holds no data: its length is 0");
        }
        long pieceCount = (total - 1) / pieceLength + 1;
        if (pieceCount > MAX_PIECES) {
            throw fail(total + " bytes in pieces of " + pieceLength + " make " + pieceCount + " pieces, more than the "
                    + MAX_PIECES + " Piecewise accepts");
        }
        return new FileLayout(pieceLength, files);
    }

    private void checkPieces(BString pieces, FileLayout layout) throws MetainfoException {
        if (pieces.length() % Metainfo.HASH_LENGTH != 0) {
            throw fail("\"pieces\" is " + pieces.length() + " bytes long, not a multiple of 20");
        }
        int hashes = pieces.length() / Metainfo.HASH_LENGTH;
        if (hashes != layout.pieceCount()) {
            throw fail("\"pieces\" has " + hashes + " hashes, but " + layout.totalLength() + " bytes in pieces of "
                    + layout.pieceLength() + " make " + layout.pieceCount() + " pieces");
        }
    }

    /** BEP 12 tiers, else {@code announce}; entries that are not URLs are skipped, duplicates dropped. */
    private static List<List<String>> announceTiers(BDictionary root) {
        Set<String> seen = new HashSet<>();
        List<List<String>> tiers = new ArrayList<>();
        if (root.get("announce-list").orElse(null) instanceof BList list) {
            for (BValue tierValue : list.values()) {
                List<String> tier = new ArrayList<>();
                if (tierValue instanceof BList urls) {
                    urls.values().forEach(url -> addUrl(url, tier, seen));
                }
                if (!tier.isEmpty()) {
                    tiers.add(tier);
                }
            }
        }
        if (tiers.isEmpty()) {
            List<String> tier = new ArrayList<>();
            root.get("announce").ifPresent(url -> addUrl(url, tier, seen));
            if (!tier.isEmpty()) {
                tiers.add(tier);
            }
        }
        return tiers;
    }

    private static void addUrl(BValue value, List<String> tier, Set<String> seen) {
        if (value instanceof BString string) {
            String url = string.text().strip();
            if (!url.isEmpty() && seen.add(url)) {
                tier.add(url);
            }
        }
    }

    private static Metainfo.Details details(Fields root) throws MetainfoException {
        Optional<Instant> created = root.integer("creation date")
                .filter(seconds -> seconds > 0 && seconds < Instant.MAX.getEpochSecond())
                .map(Instant::ofEpochSecond);
        return new Metainfo.Details(root.string("comment").map(BString::text),
                root.string("created by").map(BString::text), created);
    }

    private MetainfoException fail(String problem) {
        return new MetainfoException(source, problem);
    }
}
