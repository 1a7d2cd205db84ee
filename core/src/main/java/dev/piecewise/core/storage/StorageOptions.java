package dev.piecewise.core.storage;

/**
 * How a torrent's files are kept.
 *
 * @param allocation   how a file's space is taken when the file is created (always at its full length)
 * @param maxOpenFiles how many files to keep open at once; files in use are never closed, so a few more may be open
 */
public record StorageOptions(Allocation allocation, int maxOpenFiles) {

    /** Space reserved up front where the system can do it cheaply, files kept open 64 at most. */
    public static final StorageOptions DEFAULT = new StorageOptions(Allocation.RESERVE, 64);

    /** How a new file gets its space. */
    public enum Allocation {
        /** Sparse: the file system allocates blocks as the data arrives. */
        SPARSE,
        /**
         * Reserved at once with {@code fallocate} where the system offers it ({@link Fallocate}), else sparse: less
         * file-system work per write, a full disk shows at once, no fragmentation, and no time spent writing zeros.
         */
        RESERVE,
        /** Reserved at once, by writing zeros where {@code fallocate} is missing: the space is certainly there. */
        FULL
    }

    public StorageOptions {
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles must be positive: " + maxOpenFiles);
        }
    }

    public StorageOptions withAllocation(Allocation value) {
        return new StorageOptions(value, maxOpenFiles);
    }
}
