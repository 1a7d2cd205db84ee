package dev.piecewise.core.storage;

/**
 * How a torrent's files are kept.
 *
 * @param preallocate  write zeros to the full length of each file when it is created, so the space is reserved
 *                     (and a full disk shows at once); otherwise files are created sparse, at full length
 * @param maxOpenFiles how many files to keep open at once; files in use are never closed, so a few more may be open
 */
public record StorageOptions(boolean preallocate, int maxOpenFiles) {

    public static final StorageOptions DEFAULT = new StorageOptions(false, 64);

    public StorageOptions {
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles must be positive: " + maxOpenFiles);
        }
    }

    public StorageOptions withPreallocation(boolean value) {
        return new StorageOptions(value, maxOpenFiles);
    }
}
