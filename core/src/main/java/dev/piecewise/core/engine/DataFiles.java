package dev.piecewise.core.engine;

import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.TorrentFile;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;

/**
 * Deletes a torrent's downloaded files, and the folders they leave empty, inside its download directory. Only the
 * torrent's own files (safe relative paths) are touched; nothing is followed through a symbolic link, so a link
 * planted in the directory cannot lead the deletion elsewhere.
 */
final class DataFiles {

    private DataFiles() {
    }

    static void delete(Metainfo metainfo, Path directory) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        Set<Path> folders = new HashSet<>();
        for (TorrentFile file : metainfo.files()) {
            Path path = root.resolve(file.relativePath()).normalize();
            if (!path.startsWith(root) || file.pad() || hasLinkBetween(root, path)) {
                continue;
            }
            Files.deleteIfExists(path);
            for (Path folder = path.getParent(); !folder.equals(root); folder = folder.getParent()) {
                folders.add(folder);
            }
        }
        for (Path folder : folders.stream().sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList()) {
            try {
                Files.deleteIfExists(folder);
            } catch (DirectoryNotEmptyException e) {
                // the user keeps other files there
            }
        }
    }

    private static boolean hasLinkBetween(Path root, Path path) {
        for (Path p = path; p != null && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p) || !p.equals(path) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }
}
