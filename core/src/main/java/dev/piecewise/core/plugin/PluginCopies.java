package dev.piecewise.core.plugin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

/**
 * The private copies of plugin jars that module layers are made from, so that users can replace or delete the jars in
 * the plugins folder while the client runs.
 *
 * <p>Each client owns one directory under a shared root, next to a lock file it holds while it runs. Copies of jars
 * that are no longer loaded are deleted at once (a layer still in use keeps reading its open file); what a crashed
 * client left behind is deleted by the next client that finds its lock free.
 */
final class PluginCopies implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginCopies.class);
    private static final String LOCK_SUFFIX = ".lock";

    /** A private copy and the fingerprint of what was copied. */
    record Copy(Path file, JarFingerprint fingerprint) {
    }

    private final Path directory;
    private final FileChannel lockChannel;
    private final AtomicLong nextCopy = new AtomicLong();

    private PluginCopies(Path directory, FileChannel lockChannel) {
        this.directory = directory;
        this.lockChannel = lockChannel;
    }

    /**
     * Claims a directory of copies under {@code root} and deletes the directories of clients that are gone.
     *
     * @throws IOException when {@code root} cannot be created or written
     */
    static PluginCopies open(Path root) throws IOException {
        Files.createDirectories(root);
        for (int attempt = 1; attempt <= 3; attempt++) {
            Path lockFile = Files.createTempFile(root, "client-", LOCK_SUFFIX);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
            try {
                channel.lock();
                // another client's sweep may have taken the file between its creation and our lock: start again
                if (Files.exists(lockFile)) {
                    Path directory = Files.createDirectory(directoryOf(lockFile));
                    sweep(root, lockFile);
                    return new PluginCopies(directory, channel);
                }
                channel.close();
            } catch (IOException | RuntimeException e) {
                channel.close();
                Files.deleteIfExists(lockFile);
                throw e;
            }
        }
        throw new IOException("could not claim a directory under " + root + ": other clients keep sweeping it");
    }

    /**
     * Copies {@code jar} to a fresh place, keeping its file name (an automatic module's name comes from it), and
     * fingerprints what it copied.
     */
    Copy copy(Path jar) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        Path target = Files.createDirectory(directory.resolve(Long.toString(nextCopy.incrementAndGet())))
                .resolve(jar.getFileName().toString());
        // CRC-32C, not a cryptographic hash: it only tells a changed jar from an unchanged one, and the JVM computes
        // it fast even before the JIT has compiled anything (at start-up, when every plugin jar is copied)
        var checksum = new CRC32C();
        try (InputStream in = new CheckedInputStream(Files.newInputStream(jar), checksum)) {
            Files.copy(in, target);
        } catch (IOException e) {
            discard(target);
            throw e;
        }
        return new Copy(target,
                new JarFingerprint(attributes.size(), attributes.lastModifiedTime(), checksum.getValue()));
    }

    /** Deletes a copy that is no longer loaded. */
    void discard(Path copy) {
        deleteTree(copy.getParent());
    }

    /** Deletes every copy and gives up the directory. */
    @Override
    public void close() {
        deleteTree(directory);
        Path lockFile = directory.resolveSibling(directory.getFileName() + LOCK_SUFFIX);
        try (lockChannel) {
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            log.debug("could not delete {}", lockFile, e);
        }
    }

    private static void sweep(Path root, Path ownLock) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.endsWith(LOCK_SUFFIX) && !entry.equals(ownLock)) {
                    sweepIfAbandoned(entry);
                } else if (Files.isDirectory(entry) && !Files.exists(entry.resolveSibling(name + LOCK_SUFFIX))) {
                    deleteTree(entry); // its owner took its lock file away before it could delete the directory
                }
            }
        }
    }

    private static void sweepIfAbandoned(Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return; // another client is running
            }
            try (lock) {
                deleteTree(directoryOf(lockFile));
                Files.deleteIfExists(lockFile);
            }
        } catch (OverlappingFileLockException e) {
            log.trace("{} belongs to a client in this JVM", lockFile);
        } catch (IOException e) {
            log.debug("could not clean up {}", lockFile, e);
        }
    }

    private static Path directoryOf(Path lockFile) {
        String name = lockFile.getFileName().toString();
        return lockFile.resolveSibling(name.substring(0, name.length() - LOCK_SUFFIX.length()));
    }

    /** Best effort: a file that cannot be deleted now is left for the sweep of a later client. */
    private static void deleteTree(Path top) {
        if (!Files.exists(top)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(top)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            log.debug("could not delete {}", top, e);
        }
    }
}
