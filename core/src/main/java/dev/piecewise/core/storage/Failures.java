package dev.piecewise.core.storage;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Turns the JDK's input/output exceptions into {@link StorageException}s that say what happened in plain words. */
final class Failures {

    private Failures() {
    }

    /**
     * @param doing what was being done, as in "writing album/01.flac"
     */
    static StorageException of(IOException e, String doing) {
        if (e instanceof StorageException storage) {
            return storage;
        }
        if (e instanceof ClosedByInterruptException) {
            return new StorageException(StorageException.Kind.IO, "interrupted " + doing, e);
        }
        String reason = reason(e);
        if (isDiskFull(reason)) {
            return new StorageException(StorageException.Kind.DISK_FULL, "disk full " + doing, e);
        }
        if (e instanceof NoSuchFileException) {
            return new StorageException(StorageException.Kind.MISSING_DATA, "file missing " + doing, e);
        }
        if (e instanceof AccessDeniedException) {
            return new StorageException(StorageException.Kind.IO, "permission denied " + doing, e);
        }
        return new StorageException(StorageException.Kind.IO, "error " + doing + ": " + reason, e);
    }

    private static String reason(IOException e) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage();
        return reason == null ? e.getClass().getSimpleName() : reason;
    }

    /** ENOSPC and EDQUOT, as the JDK reports them (it has no exception type for them). */
    private static boolean isDiskFull(String reason) {
        String text = reason.toLowerCase(Locale.ROOT);
        return text.contains("no space left") || text.contains("quota exceeded") || text.contains("disk full");
    }
}
