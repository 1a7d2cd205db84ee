package dev.piecewise.core.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a lab left nothing behind: files, sockets (this process's, on Linux), the engines' threads. */
final class LabLeftovers {

    private static final Path FDS = Path.of("/proc/self/fd");

    private LabLeftovers() {
    }

    /** Sockets this process holds open now, or -1 where the system does not tell. */
    static long openSockets() throws IOException {
        if (!Files.isDirectory(FDS)) {
            return -1;
        }
        try (Stream<Path> fds = Files.list(FDS)) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        }
    }

    /** Waits (bounded) for the lab's engines to finish closing, then checks. */
    static void assertNoneLeft(Path labRoot, long socketsBefore, List<String> threadsBefore)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && (engineThreads().size() > threadsBefore.size()
                || socketsBefore >= 0 && openSockets() > socketsBefore)) {
            Thread.sleep(20);
        }
        assertEquals(threadsBefore, engineThreads(), "the lab's engines left threads running");
        if (socketsBefore >= 0) {
            assertTrue(openSockets() <= socketsBefore, "the lab left sockets open: " + openSockets() + " > "
                    + socketsBefore);
        }
        if (Files.exists(labRoot)) {
            try (Stream<Path> left = Files.list(labRoot)) {
                assertEquals(List.of(), left.toList(), "the lab left files");
            }
        }
    }

    /** The engines' platform threads (their virtual threads end with their sockets). */
    static List<String> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("piecewise-timer") || name.startsWith("piecewise-hash"))
                .sorted().toList();
    }
}
