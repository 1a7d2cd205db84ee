package dev.piecewise.dist;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One end of a local swarm for shell tests: a running shell that starts its embedded tracker and seeds a payload whose
 * torrent announces to it.
 *
 * @param shell   the shell, for more commands
 * @param tracker the announce URL of its tracker
 * @param payload the payload, announcing to {@code tracker}
 * @param id      the torrent's id as the shell printed it when adding
 */
record SeedingShell(ShellProcess shell, URI tracker, Payload payload, String id) implements AutoCloseable {

    /** The announce URL {@code tracker start} prints. */
    static final Pattern TRACKER = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/announce)");
    /** A torrent id alone on a line, as {@code add} prints it. */
    static final Pattern ID = Pattern.compile("^([0-9a-f]{8})$", Pattern.MULTILINE);

    /** Starts a shell keeping its state in {@code dataDir}; returns once it has checked its data complete. */
    static SeedingShell start(Path dataDir, Payload untracked) throws IOException, InterruptedException {
        return start(dataDir, untracked, untracked.seedDirectory(), "; wait --timeout 30", " complete\n");
    }

    /** Starts a shell that seeds what {@code seedDirectory} holds of the payload; returns once it was added. */
    static SeedingShell partial(Path dataDir, Payload untracked, Path seedDirectory) throws IOException,
            InterruptedException {
        return start(dataDir, untracked, seedDirectory, "", "\n");
    }

    private static SeedingShell start(Path dataDir, Payload untracked, Path seedDirectory, String then, String until)
            throws IOException, InterruptedException {
        var shell = ShellProcess.start(Launch.command(dataDir));
        try {
            shell.send("tracker start");
            Matcher url = TRACKER.matcher(shell.await("/announce\n"));
            assertTrue(url.find());
            URI tracker = URI.create(url.group(1));
            shell.await("udp://127.0.0.1:" + tracker.getPort() + "/announce\n");
            Payload payload = untracked.announcingTo(List.of(tracker));
            shell.send("add " + payload.torrent() + " --dir " + seedDirectory + then);
            Matcher id = ID.matcher(shell.await(until));
            assertTrue(id.find());
            return new SeedingShell(shell, tracker, payload, id.group(1));
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            shell.close();
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        shell.close();
    }
}
