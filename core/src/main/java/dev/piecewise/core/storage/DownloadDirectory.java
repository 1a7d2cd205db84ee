package dev.piecewise.core.storage;

import dev.piecewise.core.metainfo.TorrentFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * A download directory, resolved to its real path once, and the only way storage turns a torrent's path into a file
 * system path. Every folder on the way to a file must be a real folder inside the directory: a symbolic link planted
 * there (pointing out of it, or anywhere) is refused, never followed, and files are opened without following links.
 *
 * <p>The threat is a hostile torrent, which cannot create links: its paths are already made safe by the metainfo
 * parser. A local user racing to swap a checked folder for a link is out of scope; the checks are repeated at every
 * open and {@code O_NOFOLLOW} guards the last element.
 */
final class DownloadDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadDirectory.class);

    private final Path root;

    private DownloadDirectory(Path root) {
        this.root = root;
    }

    /** The directory, created if missing. */
    static DownloadDirectory open(Path directory) throws StorageException {
        try {
            Files.createDirectories(directory);
            return new DownloadDirectory(directory.toRealPath());
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.IO, "cannot use the download directory " + directory
                    + ": " + e, e);
        }
    }

    Path root() {
        return root;
    }

    /**
     * The path of the file with these (safe) path elements, after checking every folder on the way.
     *
     * @param createFolders create missing folders (for writing); otherwise checking stops at the first missing one
     */
    Path file(List<String> elements, boolean createFolders) throws StorageException {
        Path current = root;
        for (String folder : elements.subList(0, elements.size() - 1)) {
            current = child(current, folder);
            if (Files.isSymbolicLink(current)) {
                throw new StorageException(StorageException.Kind.UNSAFE_PATH, "refusing to follow the symbolic link "
                        + display(current) + " in the download directory");
            }
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    throw new StorageException(StorageException.Kind.UNSAFE_PATH, display(current)
                            + " is a file where the torrent has a folder");
                }
                if (!createFolders) {
                    return child(current, elements.getLast());
                }
                createFolder(current);
            }
        }
        Path file = child(current, elements.getLast());
        if (Files.isSymbolicLink(file)) {
            throw new StorageException(StorageException.Kind.UNSAFE_PATH, "refusing to follow the symbolic link "
                    + display(file) + " in the download directory");
        }
        return file;
    }

    /**
     * Deletes these files, then their folders left empty, deepest first. Only these paths are touched: other files
     * in the folders are kept (and so are those folders), and a link on the way is refused as everywhere else.
     */
    void deleteAll(List<TorrentFile> files) throws StorageException {
        TreeSet<List<String>> folders = new TreeSet<>(Comparator.<List<String>>comparingInt(List::size).reversed()
                .thenComparing(List::toString));
        for (TorrentFile file : files) {
            if (!file.pad()) {
                deleteOne(file.path());
                for (int depth = 1; depth < file.path().size(); depth++) {
                    folders.add(file.path().subList(0, depth));
                }
            }
        }
        for (List<String> folder : folders) {
            deleteOne(folder);
        }
    }

    private void deleteOne(List<String> elements) throws StorageException {
        Path path = file(elements, false);
        try {
            Files.deleteIfExists(path);
        } catch (DirectoryNotEmptyException e) {
            LOG.info("keeping {}: it holds files that are not the torrent's", display(path));
        } catch (IOException e) {
            throw Failures.of(e, "deleting " + display(path));
        }
    }

    /** A path relative to the download directory, for messages. */
    String display(Path path) {
        return root.relativize(path).toString();
    }

    private void createFolder(Path folder) throws StorageException {
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            // another thread made it meanwhile; it must still be a real folder
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new StorageException(StorageException.Kind.UNSAFE_PATH, display(folder)
                        + " appeared as something other than a folder", e);
            }
        } catch (IOException e) {
            throw Failures.of(e, "creating the folder " + display(folder));
        }
    }

    /**
     * {@code parent/element}, refusing anything but a plain name: the parser's guarantee, checked again here. A name
     * the platform cannot encode is refused in words: under a C or POSIX locale (services, containers) Java encodes
     * file names as ASCII, so a torrent named in any other script cannot be stored there.
     */
    private static Path child(Path parent, String element) throws StorageException {
        Path child;
        try {
            child = parent.resolve(element);
        } catch (InvalidPathException e) {
            throw new StorageException(StorageException.Kind.IO, "\"" + element + "\" cannot be a file name on this"
                    + " system (" + e.getReason() + "; file names are encoded as "
                    + System.getProperty("sun.jnu.encoding") + ", a UTF-8 locale allows any name)", e);
        }
        if (element.isEmpty() || element.equals(".") || element.equals("..") || !parent.equals(child.getParent())) {
            throw new IllegalArgumentException("not a plain file name: \"" + element + "\"");
        }
        return child;
    }
}
