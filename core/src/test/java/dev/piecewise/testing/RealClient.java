package dev.piecewise.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real BitTorrent client (aria2, Transmission) running on 127.0.0.1 for interop tests, in a session and process
 * group of its own so that closing it stops everything it started. Its output goes to a log file in its work
 * directory, shown when it fails to start.
 */
public final class RealClient implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private RealClient(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * aria2 seeding {@code torrent} from the data in {@code directory}, trusting it without a check, forever.
     *
     * @param work an empty directory for its log
     */
    public static RealClient aria2Seeder(Path torrent, Path directory, Path work) throws IOException,
            InterruptedException {
        return aria2Seeder(torrent, directory, work, 0);
    }

    /** As {@link #aria2Seeder(Path, Path, Path)}, uploading at most {@code bytesPerSecond} (0 for no limit). */
    public static RealClient aria2Seeder(Path torrent, Path directory, Path work, long bytesPerSecond)
            throws IOException, InterruptedException {
        int port = LoopbackPorts.freeTcpAndUdp();
        var argv = aria2(directory, port);
        argv.addAll(List.of("--seed-ratio=0.0", "--bt-seed-unverified=true", "--file-allocation=none",
                "--max-overall-upload-limit=" + bytesPerSecond, torrent.toString()));
        return start("aria2c", argv, port, work, true);
    }

    /**
     * aria2 downloading {@code torrent} into {@code directory}; it exits once complete. It learns of no peer but
     * those that connect to it.
     */
    public static RealClient aria2Leecher(Path torrent, Path directory, Path work) throws IOException,
            InterruptedException {
        int port = LoopbackPorts.freeTcpAndUdp();
        var argv = aria2(directory, port);
        argv.addAll(List.of("--seed-time=0", "--file-allocation=none", torrent.toString()));
        return start("aria2c", argv, port, work, false);
    }

    /**
     * aria2 downloading the torrent of a magnet link into {@code directory}: it fetches the metadata from the peers that
     * connect to it (it learns of no other), then the data, and exits once complete.
     */
    public static RealClient aria2MagnetLeecher(String magnet, Path directory, Path work) throws IOException,
            InterruptedException {
        int port = LoopbackPorts.freeTcpAndUdp();
        var argv = aria2(directory, port);
        argv.addAll(List.of("--seed-time=0", "--file-allocation=none", magnet));
        return start("aria2c", argv, port, work, false);
    }

    /** Transmission seeding {@code torrent} from the data in {@code directory} (checked first), forever. */
    public static RealClient transmissionSeeder(Path torrent, Path directory, Path work) throws IOException,
            InterruptedException {
        return transmission(torrent, directory, work, true);
    }

    /**
     * Transmission downloading {@code torrent} into {@code directory}; it stops and exits once complete. Transmission
     * never dials loopback peers it hears of, so its peers must connect to it.
     */
    public static RealClient transmissionLeecher(Path torrent, Path directory, Path work) throws IOException,
            InterruptedException {
        return transmission(torrent, directory, work, false);
    }

    private static RealClient transmission(Path torrent, Path directory, Path work, boolean seeding)
            throws IOException, InterruptedException {
        int port = LoopbackPorts.freeTcpAndUdp();
        Path config = Files.createDirectories(work.resolve("transmission"));
        Files.createDirectories(directory);
        // ratio limit 0 when downloading: transmission-cli stops the torrent and exits once it is complete
        Files.writeString(config.resolve("settings.json"), """
                {"bind-address-ipv4": "127.0.0.1", "bind-address-ipv6": "::1", "dht-enabled": false,
                 "lpd-enabled": false, "pex-enabled": false, "utp-enabled": false, "port-forwarding-enabled": false,
                 "peer-port": %d, "peer-port-random-on-start": false, "encryption": 0, "download-dir": "%s",
                 "incomplete-dir-enabled": false, "ratio-limit-enabled": %s, "ratio-limit": 0,
                 "idle-seeding-limit-enabled": false, "blocklist-enabled": false, "speed-limit-down-enabled": false,
                 "speed-limit-up-enabled": false, "alt-speed-enabled": false, "rpc-enabled": false,
                 "start-added-torrents": true, "peer-limit-global": 500, "peer-limit-per-torrent": 100,
                 "message-level": 2, "rename-partial-files": false}
                """.formatted(port, directory, !seeding));
        var argv = List.of(ExternalPrograms.require("transmission-cli").toString(), "-g", config.toString(),
                "-w", directory.toString(), "-p", String.valueOf(port), "-M", "-B", "-D", "-U", "-et",
                torrent.toString());
        return start("transmission-cli", argv, port, work, true);
    }

    /**
     * libtorrent (the system Python's module) seeding {@code torrent} from the data in {@code directory}, checked
     * first, until closed; it serves the metadata to magnet downloads.
     */
    public static RealClient libtorrentSeeder(Path torrent, Path directory, Path work) throws IOException,
            InterruptedException {
        Files.createDirectories(work);
        Path script = work.resolve("libtorrent_seeder.py");
        try (var in = RealClient.class.getResourceAsStream("libtorrent_seeder.py")) {
            Files.write(script, in.readAllBytes());
        }
        ExternalPrograms.requireLibtorrent();
        int port = LoopbackPorts.freeTcpAndUdp();
        return start("libtorrent", List.of(ExternalPrograms.PYTHON, script.toString(), torrent.toString(),
                directory.toString(), String.valueOf(port)), port, work, true);
    }

    private static List<String> aria2(Path directory, int port) {
        return new ArrayList<>(List.of(ExternalPrograms.require("aria2c").toString(), "--no-conf=true",
                "--dir=" + directory, "--listen-port=" + port, "--interface=127.0.0.1", "--disable-ipv6=true",
                "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false",
                "--enable-peer-exchange=false", "--bt-min-crypto-level=plain", "--bt-require-crypto=false",
                "--summary-interval=0", "--console-log-level=notice", "--show-console-readout=false",
                "--bt-save-metadata=false", "--check-integrity=false", "--auto-file-renaming=false",
                "--bt-max-peers=100"));
    }

    private static RealClient start(String name, List<String> argv, int port, Path work, boolean waitForPort)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path log = work.resolve(name + ".log");
        var command = new ArrayList<String>();
        command.add(ExternalPrograms.require("setsid").toString());
        command.addAll(argv);
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        var client = new RealClient(name, process, port, log);
        try {
            client.awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    public int port() {
        return port;
    }

    /** Waits for the client to exit by itself; returns whether it did within the timeout. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The end of what the client printed (progress lines are dropped). */
    public String log() {
        try {
            String text = Files.readString(log).replaceAll("Progress: [^\\n]*?\\[None\\]\\s*", "");
            return text.length() > 3000 ? "..." + text.substring(text.length() - 3000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ": " + log());
            }
            try (var probe = new Socket()) {
                probe.connect(address(), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException(name + " did not listen on port " + port + " within " + START_TIMEOUT.toSeconds()
                + " s: " + log());
    }

    /** Stops the client's whole process group: politely, then by force. */
    @Override
    public void close() throws InterruptedException {
        signalGroup("-TERM");
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            signalGroup("-KILL");
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void signalGroup(String signal) throws InterruptedException {
        try {
            new ProcessBuilder("kill", signal, "--", "-" + process.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroy();
        }
    }
}
