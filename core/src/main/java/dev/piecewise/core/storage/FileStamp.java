package dev.piecewise.core.storage;

/**
 * What a file looked like when resume state was saved, to tell on the next start whether it changed since.
 *
 * @param size             its size in bytes, or -1 when it did not exist
 * @param modifiedNanos    its modification time in nanoseconds since the epoch (0 when it did not exist)
 */
public record FileStamp(long size, long modifiedNanos) {

    /** A file that does not exist, or a pad file (which never does). */
    public static final FileStamp ABSENT = new FileStamp(-1, 0);
}
