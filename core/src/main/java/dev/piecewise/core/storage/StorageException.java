package dev.piecewise.core.storage;

import java.io.IOException;

/**
 * A torrent's data could not be written or read, said so a user can act on it ("disk full writing album/01.flac").
 * The engine turns it into the torrent's error state; nothing is silently lost.
 */
public final class StorageException extends IOException {

    /** What kind of failure, so the engine can choose what to do. */
    public enum Kind {
        /** No space (or quota) left: resuming after space is freed can finish the torrent. */
        DISK_FULL,
        /** Data that should be there is not: a file was deleted, truncated or replaced. */
        MISSING_DATA,
        /** The download directory holds something Piecewise refuses to use, such as a planted symbolic link. */
        UNSAFE_PATH,
        /** Any other input/output error. */
        IO
    }

    private final Kind kind;

    public StorageException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StorageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
