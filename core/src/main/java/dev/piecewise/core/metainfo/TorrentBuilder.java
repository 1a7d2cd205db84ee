package dev.piecewise.core.metainfo;

import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Makes a v1 .torrent from a file or a directory. The output depends only on the data and the settings: files in
 * byte-wise order of their paths, no creation date unless one is set. Regular files are included, following
 * symbolic links to files; symbolic links to directories are not followed (they could loop) and empty directories
 * cannot be expressed in v1, so both are left out. Pieces are hashed on several threads.
 */
public final class TorrentBuilder {

    private static final int MIN_AUTO_PIECE_LENGTH = 16 << 10;
    private static final int MAX_AUTO_PIECE_LENGTH = 16 << 20;
    private static final int TARGET_PIECES = 1500;

    private final Path source;
    private int pieceLength;
    private List<List<String>> tiers = List.of();
    private String comment;
    private String createdBy = "Piecewise";
    private Instant creationDate;
    private boolean privateTorrent;
    private int threads = Runtime.getRuntime().availableProcessors();

    private TorrentBuilder(Path source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** A builder for the file or directory {@code source}. */
    public static TorrentBuilder of(Path source) {
        return new TorrentBuilder(source);
    }

    /** The piece length; by default a power of two giving about 1500 pieces, from 16 KiB to 16 MiB. */
    public TorrentBuilder pieceLength(int length) {
        if (length <= 0 || length > MetainfoParser.MAX_PIECE_LENGTH) {
            throw new IllegalArgumentException("piece length must be from 1 to " + MetainfoParser.MAX_PIECE_LENGTH
                    + ": " + length);
        }
        this.pieceLength = length;
        return this;
    }

    /** Tracker tiers (BEP 12), the first URL of the first tier also as {@code announce}. */
    public TorrentBuilder trackers(List<List<String>> announceTiers) {
        this.tiers = announceTiers.stream().map(List::copyOf).filter(tier -> !tier.isEmpty()).toList();
        return this;
    }

    public TorrentBuilder comment(String text) {
        this.comment = text;
        return this;
    }

    /** The "created by" field; {@code Piecewise} by default, none when {@code null}. */
    public TorrentBuilder createdBy(String program) {
        this.createdBy = program;
        return this;
    }

    public TorrentBuilder creationDate(Instant date) {
        this.creationDate = date;
        return this;
    }

    /** BEP 27: peers only from the trackers. */
    public TorrentBuilder privateTorrent(boolean value) {
        this.privateTorrent = value;
        return this;
    }

    /** How many threads hash pieces; the number of cores by default. */
    public TorrentBuilder threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be positive: " + count);
        }
        this.threads = count;
        return this;
    }

    /**
     * Reads and hashes the data and returns the .torrent's bytes.
     *
     * @throws IOException              when a file cannot be read or changes size while it is hashed
     * @throws IllegalArgumentException when the source holds no data
     */
    public byte[] build() throws IOException, InterruptedException {
        Path root = source.toAbsolutePath().normalize();
        if (root.getFileName() == null) {
            throw new IllegalArgumentException("cannot make a torrent of the file system root");
        }
        String name = root.getFileName().toString();
        boolean multiFile = Files.isDirectory(root);
        List<Path> paths = multiFile ? listFiles(root) : List.of(root);
        List<TorrentFile> files = new ArrayList<>(paths.size());
        long offset = 0;
        for (Path path : paths) {
            long length = Files.size(path);
            files.add(new TorrentFile(multiFile ? elements(root, path) : List.of(name), length, offset, false));
            offset += length;
        }
        if (offset == 0) {
            throw new IllegalArgumentException(source + " holds no data to share");
        }
        FileLayout layout = new FileLayout(pieceLength > 0 ? pieceLength : autoPieceLength(offset), files);
        byte[] pieces = hash(layout, paths);
        return Bencode.encode(torrent(name, layout, multiFile, pieces));
    }

    /** Builds and writes the .torrent to {@code torrentFile}. */
    public void write(Path torrentFile) throws IOException, InterruptedException {
        Files.write(torrentFile, build());
    }

    static int autoPieceLength(long totalLength) {
        long target = Math.max(1, totalLength / TARGET_PIECES);
        long length = Long.highestOneBit(target);
        return (int) Math.clamp(length, MIN_AUTO_PIECE_LENGTH, MAX_AUTO_PIECE_LENGTH);
    }

    private static List<Path> listFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> !path.equals(root) && Files.isRegularFile(path))
                    .sorted(Comparator.comparing(path -> String.join("/", elements(root, path)).getBytes(
                            StandardCharsets.UTF_8), Arrays::compareUnsigned))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static List<String> elements(Path root, Path file) {
        List<String> elements = new ArrayList<>();
        elements.add(root.getFileName().toString());
        root.relativize(file).forEach(element -> elements.add(element.toString()));
        return elements;
    }

    private byte[] hash(FileLayout layout, List<Path> paths) throws IOException, InterruptedException {
        byte[] pieces = new byte[layout.pieceCount() * Metainfo.HASH_LENGTH];
        BitSet all = new BitSet(layout.pieceCount());
        all.set(0, layout.pieceCount());
        AtomicBoolean shrunk = new AtomicBoolean();
        PieceHasher.hashAll(layout, all, threads, () -> new SequentialReader(layout, paths), (piece, digest) -> {
            if (digest == null) {
                shrunk.set(true);
            } else {
                System.arraycopy(digest, 0, pieces, piece * Metainfo.HASH_LENGTH, Metainfo.HASH_LENGTH);
            }
        }, shrunk::get);
        if (shrunk.get()) {
            throw new IOException("the files of " + source + " got shorter while they were hashed");
        }
        return pieces;
    }

    private BDictionary torrent(String name, FileLayout layout, boolean multiFile, byte[] pieces) {
        BDictionary.Builder info = BDictionary.builder()
                .put("name", name)
                .put("piece length", layout.pieceLength())
                .put("pieces", pieces);
        if (multiFile) {
            List<BValue> files = new ArrayList<>();
            for (TorrentFile file : layout.files()) {
                List<BValue> path = file.path().subList(1, file.path().size()).stream()
                        .<BValue>map(BString::of).toList();
                files.add(BDictionary.builder().put("length", file.length()).put("path", new BList(path)).build());
            }
            info.put("files", new BList(files));
        } else {
            info.put("length", layout.totalLength());
        }
        if (privateTorrent) {
            info.put("private", 1);
        }
        BDictionary.Builder torrent = BDictionary.builder().put("info", info.build());
        if (!tiers.isEmpty()) {
            torrent.put("announce", tiers.getFirst().getFirst());
            if (tiers.size() > 1 || tiers.getFirst().size() > 1) {
                torrent.put("announce-list", new BList(tiers.stream()
                        .<BValue>map(tier -> new BList(tier.stream().<BValue>map(BString::of).toList())).toList()));
            }
        }
        if (comment != null) {
            torrent.put("comment", comment);
        }
        if (createdBy != null) {
            torrent.put("created by", createdBy);
        }
        if (creationDate != null) {
            torrent.put("creation date", creationDate.getEpochSecond());
        }
        return torrent.build();
    }

    /** Reads the source files for one hashing thread, keeping the file it is in open. */
    private static final class SequentialReader implements PieceHasher.Source {

        private final FileLayout layout;
        private final List<Path> paths;
        private FileChannel channel;
        private int channelIndex = -1;

        SequentialReader(FileLayout layout, List<Path> paths) {
            this.layout = layout;
            this.paths = paths;
        }

        @Override
        public boolean read(long offset, byte[] buffer, int length) throws IOException {
            return layout.allSpans(offset, length, (index, fileOffset, spanLength, done) ->
                    readFully(index, fileOffset, ByteBuffer.wrap(buffer, done, spanLength)));
        }

        private boolean readFully(int index, long position, ByteBuffer target) throws IOException {
            if (index != channelIndex) {
                close();
                channel = FileChannel.open(paths.get(index), StandardOpenOption.READ);
                channelIndex = index;
            }
            return PieceHasher.readFully(channel, target, position);
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
                channelIndex = -1;
            }
        }
    }
}
