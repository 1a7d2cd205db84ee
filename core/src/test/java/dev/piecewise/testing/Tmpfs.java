package dev.piecewise.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a test, to fill a disk for real. Mounting needs root with CAP_SYS_ADMIN; {@link #mount}
 * says whether it worked so the test can be skipped where it cannot.
 */
public final class Tmpfs {

    private Tmpfs() {
    }

    /** Mounts a tmpfs of {@code size} (such as {@code 1m}) on the empty directory {@code at}. */
    public static boolean mount(Path at, String size) throws IOException, InterruptedException {
        return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString());
    }

    /** Grows or shrinks the tmpfs mounted on {@code at}. */
    public static boolean resize(Path at, String size) throws IOException, InterruptedException {
        return run("mount", "-o", "remount,size=" + size, at.toString());
    }

    /** Unmounts it (lazily, should a file still be open). */
    public static void unmount(Path at) throws IOException, InterruptedException {
        run("umount", "-l", at.toString());
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }
}
