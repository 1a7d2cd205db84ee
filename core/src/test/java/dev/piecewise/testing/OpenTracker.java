package dev.piecewise.testing;

import dev.piecewise.api.InfoHash;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real opentracker on 127.0.0.1, HTTP and UDP on one port, for one test. Debian builds it with a whitelist, so the
 * torrents a test announces must be given up front. It chroots into its directory when run as root, which is why
 * the directory and the whitelist must be readable by everyone. It binds with {@code SO_REUSEPORT}, so a port taken by
 * another opentracker would not fail: the port is picked at random below the ephemeral range and checked free first.
 * It reads its whitelist on a thread of its own after it starts listening, and until then answers a UDP announce with
 * a bare 8-byte header: {@link #start} returns only once a whitelisted torrent is accepted.
 */
public final class OpenTracker implements TestTracker {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path log;

    private OpenTracker(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts opentracker for the given torrents; skips the test when it is not installed (see {@link ExternalPrograms}).
     *
     * @param directory an empty directory the tracker may use
     */
    public static OpenTracker start(Path directory, Collection<InfoHash> torrents)
            throws IOException, InterruptedException {
        Path program = ExternalPrograms.require("opentracker");
        Path root = Files.createDirectories(directory.resolve("root"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path whitelist = Files.writeString(root.resolve("whitelist.txt"),
                torrents.stream().map(t -> t.hex() + "\n").collect(Collectors.joining()));
        Files.setPosixFilePermissions(whitelist, PosixFilePermissions.fromString("rw-r--r--"));
        // relative to tracker.rootdir, where opentracker changes directory (and chroots when root)
        Path config = Files.writeString(directory.resolve("opentracker.conf"),
                "access.whitelist whitelist.txt\ntracker.rootdir " + root.toAbsolutePath() + "\n");
        int port = LoopbackPorts.freeTcpAndUdp();
        Path log = directory.resolve("opentracker.log");
        Process process = new ProcessBuilder(program.toString(), "-f", config.toString(),
                "-i", "127.0.0.1", "-p", String.valueOf(port), "-P", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var tracker = new OpenTracker(process, port, log);
        try {
            tracker.awaitListening();
            if (!torrents.isEmpty()) {
                tracker.awaitWhitelisted(torrents.iterator().next());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            tracker.close();
            throw e;
        }
        return tracker;
    }

    public int port() {
        return port;
    }

    @Override
    public URI httpAnnounce() {
        return URI.create("http://127.0.0.1:" + port + "/announce");
    }

    @Override
    public URI udpAnnounce() {
        return URI.create("udp://127.0.0.1:" + port + "/announce");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
        }
    }

    /**
     * Announces a seed over HTTP until the tracker stops refusing the torrent as not whitelisted, then takes it away
     * again with {@code stopped}, so that the tests find the swarm empty.
     */
    private void awaitWhitelisted(InfoHash torrent) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String answer = "";
        while (System.nanoTime() < deadline) {
            answer = probe(torrent, "started");
            if (answer.startsWith("HTTP/1.1 200") && !answer.contains("failure reason")) {
                probe(torrent, "stopped");
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("opentracker did not accept the whitelisted torrent " + torrent.hex() + " within "
                + START_TIMEOUT.toSeconds() + "s; last answer: " + answer + "\n" + Files.readString(log));
    }

    private String probe(InfoHash torrent, String event) throws IOException {
        var hash = new StringBuilder();
        for (byte b : torrent.bytes()) {
            hash.append('%').append(String.format("%02X", b & 0xff));
        }
        String request = "GET /announce?info_hash=" + hash + "&peer_id=-PWPROBE-00000000000&port=1&uploaded=0"
                + "&downloaded=0&left=0&event=" + event + "&compact=1 HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("opentracker exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try (var probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("opentracker did not listen on port " + port + " within " + START_TIMEOUT.toSeconds()
                + "s: " + Files.readString(log));
    }
}
