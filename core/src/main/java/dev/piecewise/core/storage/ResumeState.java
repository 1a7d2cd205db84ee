package dev.piecewise.core.storage;

import dev.piecewise.api.InfoHash;
import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BInteger;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.api.bencode.BencodeException;
import dev.piecewise.core.metainfo.FileLayout;
import dev.piecewise.core.metainfo.Sha1;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a restart needs to skip a full recheck: the pieces verified on disk and how each file looked then.
 *
 * <p>Saving is crash-safe: {@link #capture} forces the data files to disk before it looks at them, so the state never
 * claims a piece that is not durably written, and {@link #save} writes a temporary file, forces it and renames it over
 * the old one, so a crash leaves the old state or the new one, never a mix. The file carries a SHA-1 of its content;
 * anything torn, truncated or otherwise wrong is ignored on {@link #load}.
 *
 * <p>On the next start {@link #plan} trusts a claimed piece only if every file it touches still has the recorded size
 * and modification time; all pieces of a changed file (claimed or not: more may have been written after the save)
 * are rechecked. Pieces written in the same clock tick as the save may then be fetched again; nothing unverified is
 * ever trusted.
 *
 * @param infoHash the torrent's
 * @param pieceCount the torrent's piece count
 * @param verified   the pieces verified on disk
 * @param files      one stamp per file of the torrent, pad files {@link FileStamp#ABSENT}
 */
public record ResumeState(InfoHash infoHash, int pieceCount, BitSet verified, List<FileStamp> files) {

    private static final Logger LOG = LoggerFactory.getLogger(ResumeState.class);
    private static final int FORMAT = 1;

    public ResumeState {
        verified = (BitSet) verified.clone();
        files = List.copyOf(files);
    }

    @Override
    public BitSet verified() {
        return (BitSet) verified.clone();
    }

    /**
     * Which pieces a restart may trust and which it must check.
     *
     * @param trusted pieces to count as verified without reading them
     * @param recheck pieces to check before counting them: those of files that changed
     */
    public record Plan(BitSet trusted, BitSet recheck) {

        /** Nothing trusted, everything checked: for a first start, or state that does not fit. */
        public static Plan checkAll(int pieceCount) {
            BitSet all = new BitSet(pieceCount);
            all.set(0, pieceCount);
            return new Plan(new BitSet(), all);
        }
    }

    /**
     * Forces {@code storage}'s written files to disk, then records them with {@code verified}.
     *
     * @param verified pieces verified from disk (a snapshot taken before this call)
     */
    public static ResumeState capture(Storage storage, BitSet verified) throws StorageException {
        storage.flush();
        return new ResumeState(storage.metainfo().infoHash(), storage.metainfo().pieceCount(), verified,
                stamps(storage));
    }

    /** What each file of {@code storage} looks like now. */
    static List<FileStamp> stamps(Storage storage) throws StorageException {
        FileLayout layout = storage.metainfo().layout();
        List<FileStamp> stamps = new ArrayList<>(layout.files().size());
        for (int index = 0; index < layout.files().size(); index++) {
            stamps.add(layout.files().get(index).pad() ? FileStamp.ABSENT : stamp(storage.path(index)));
        }
        return stamps;
    }

    private static FileStamp stamp(Path file) throws StorageException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return new FileStamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        } catch (NoSuchFileException e) {
            return FileStamp.ABSENT;
        } catch (IOException e) {
            throw Failures.of(e, "looking at " + file.getFileName());
        }
    }

    /** What a restart of {@code storage} may trust, given this state. */
    public Plan plan(Storage storage) throws StorageException {
        FileLayout layout = storage.metainfo().layout();
        if (!infoHash.equals(storage.metainfo().infoHash()) || pieceCount != layout.pieceCount()
                || files.size() != layout.files().size() || verified.length() > pieceCount) {
            LOG.warn("resume state of {} does not fit the torrent; checking all its data", storage.metainfo().name());
            return Plan.checkAll(layout.pieceCount());
        }
        List<FileStamp> now = stamps(storage);
        BitSet affected = new BitSet(pieceCount);
        for (int index = 0; index < files.size(); index++) {
            if (!files.get(index).equals(now.get(index))) {
                LOG.info("{} changed since the last save; checking its pieces", layout.files().get(index)
                        .displayPath());
                affected.set(layout.firstPiece(index), layout.endPiece(index));
            }
        }
        BitSet trusted = (BitSet) verified.clone();
        trusted.andNot(affected);
        return new Plan(trusted, affected);
    }

    /** Writes the state to {@code file} atomically: the old state or the new, whatever happens meanwhile. */
    public void save(Path file) throws IOException {
        byte[] content = encode();
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + file + " atomically on this file system", e);
        }
        forceDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * The state saved in {@code file}, or empty when there is none or it cannot be trusted (the reason is logged):
     * the caller then checks all the data.
     */
    public static Optional<ResumeState> load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("cannot read resume state {}: {}; checking all data", file, e.toString());
            return Optional.empty();
        }
        try {
            return Optional.of(decode(content));
        } catch (BencodeException | IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
            LOG.warn("ignoring damaged resume state {} ({}); checking all data", file, e.getMessage());
            return Optional.empty();
        }
    }

    private byte[] encode() {
        List<BValue> stamps = files.stream().<BValue>map(stamp -> BList.of(BInteger.of(stamp.size()),
                BInteger.of(stamp.modifiedNanos()))).toList();
        byte[] state = Bencode.encode(BDictionary.builder()
                .put("format", FORMAT)
                .put("info-hash", infoHash.bytes())
                .put("pieces", pieceCount)
                .put("verified", verified.toByteArray())
                .put("files", new BList(stamps))
                .build());
        return Bencode.encode(BDictionary.builder().put("sha1", Sha1.digest(state)).put("state", state).build());
    }

    private static ResumeState decode(byte[] content) throws BencodeException {
        BDictionary outer = (BDictionary) Bencode.decode(content);
        byte[] state = bytes(outer, "state");
        if (!Arrays.equals(Sha1.digest(state), bytes(outer, "sha1"))) {
            throw new IllegalArgumentException("its checksum does not match");
        }
        BDictionary fields = (BDictionary) Bencode.decode(state);
        if (integer(fields, "format") != FORMAT) {
            throw new IllegalArgumentException("unknown format " + integer(fields, "format"));
        }
        List<FileStamp> stamps = new ArrayList<>();
        for (BValue stamp : ((BList) required(fields, "files")).values()) {
            List<BValue> pair = ((BList) stamp).values();
            stamps.add(new FileStamp(((BInteger) pair.get(0)).value(), ((BInteger) pair.get(1)).value()));
        }
        long pieces = integer(fields, "pieces");
        if (pieces < 0 || pieces > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a piece count of " + pieces);
        }
        return new ResumeState(InfoHash.of(bytes(fields, "info-hash")), (int) pieces,
                BitSet.valueOf(bytes(fields, "verified")), stamps);
    }

    private static BValue required(BDictionary dictionary, String key) {
        return dictionary.get(key).orElseThrow(() -> new IllegalArgumentException("no " + key));
    }

    private static byte[] bytes(BDictionary dictionary, String key) {
        return ((BString) required(dictionary, key)).bytes();
    }

    private static long integer(BDictionary dictionary, String key) {
        return ((BInteger) required(dictionary, key)).value();
    }

    /** Makes the rename itself durable; not every platform can open a directory, and there it is skipped. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot force directory {}: {}", directory, e.toString());
        }
    }
}
