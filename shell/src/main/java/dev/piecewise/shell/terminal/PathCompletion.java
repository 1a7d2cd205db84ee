package dev.piecewise.shell.terminal;

import dev.piecewise.shell.command.UserPaths;
import org.jline.reader.Candidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Completes file and directory paths as typed: relative to the working directory, or absolute, or from {@code ~}. */
final class PathCompletion {

    private static final Logger log = LoggerFactory.getLogger(PathCompletion.class);

    /** Enough for any directory a user would tab through; a huge one must not stall the prompt. */
    private static final int MAX_ENTRIES = 2000;

    private PathCompletion() {
    }

    static void complete(Path workingDirectory, String typed, boolean directoriesOnly, List<Candidate> candidates) {
        int slash = typed.lastIndexOf('/');
        String typedDir = slash < 0 ? "" : typed.substring(0, slash + 1);
        String namePrefix = typed.substring(slash + 1);
        Path dir;
        try {
            dir = UserPaths.resolve(workingDirectory, typedDir);
        } catch (InvalidPathException e) {
            return;
        }
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(namePrefix) || name.startsWith(".") && !namePrefix.startsWith(".")) {
                    continue;
                }
                boolean directory = Files.isDirectory(entry);
                if (directoriesOnly && !directory) {
                    continue;
                }
                String value = typedDir + name + (directory ? "/" : "");
                candidates.add(new Candidate(value, name + (directory ? "/" : ""), null, null, null, null,
                        !directory));
                if (++count >= MAX_ENTRIES) {
                    break;
                }
            }
        } catch (IOException e) {
            log.debug("cannot list {} for completion", dir, e);
        }
    }
}
