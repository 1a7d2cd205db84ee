package dev.piecewise.core.plugin;

import java.nio.file.attribute.FileTime;

/**
 * What identifies one version of a plugin jar: a jar whose fingerprint did not change between two scans keeps its
 * module layer.
 *
 * @param size     in bytes
 * @param modified last modification time
 * @param crc32c   of the content
 */
record JarFingerprint(long size, FileTime modified, long crc32c) {
}
