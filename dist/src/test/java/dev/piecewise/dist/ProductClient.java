package dev.piecewise.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Piecewise client as a user runs it: its own JVM on the distribution's jlink runtime, with the distribution's
 * plugins folder, its own data directory, driven by {@link ClientDriver}. Closing it quits the client; {@link #kill}
 * stops it with SIGKILL, as a crash would.
 */
final class ProductClient implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);

    /** A status line: the torrent's state and figures. */
    record Status(String state, int verified, int total, long downloaded, long uploaded, int peers) {
    }

    private final Process process;
    private final Writer commands;
    private final Path log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<String> errors = new ArrayList<>();
    private int port;
    private String id;
    private Status status;
    private boolean complete;
    private boolean exited;
    private List<String> peers;

    private ProductClient(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("client-output").start(this::readAnswers);
    }

    /** Starts a client keeping its state in {@code dataDir} (a restart restores what is there). */
    static ProductClient start(Path dataDir) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path home = Distribution.home();
        Path log = dataDir.resolve("client.log");
        Process process = new ProcessBuilder(home.resolve("runtime/bin/java").toString(),
                "-Dlogback.configurationFile=" + classes().resolve("driver-logback.xml"),
                "-Dpiecewise.log=" + System.getProperty("piecewise.log", "INFO"),
                "-cp", classes().toString(), ClientDriver.class.getName(),
                dataDir.toString(), home.resolve("plugins").toString())
                .redirectError(log.toFile()).start();
        var client = new ProductClient(process, log);
        if (!client.await(() -> client.port > 0 || client.exited, START) || client.port == 0) {
            client.kill();
            throw new IOException("the client did not start: " + client.log());
        }
        return client;
    }

    private static Path classes() {
        try {
            return Path.of(ClientDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** Adds a torrent into {@code directory} with the given strategy and policy (the defaults when empty). */
    String add(Path torrent, Path directory, Optional<String> strategy, Optional<String> choking)
            throws IOException, InterruptedException {
        return add(torrent.toString(), directory, strategy, choking);
    }

    /** Adds a .torrent file or a magnet link into {@code directory}, as {@link #add(Path, Path, Optional, Optional)}. */
    String add(String torrent, Path directory, Optional<String> strategy, Optional<String> choking)
            throws IOException, InterruptedException {
        send("add " + torrent + " " + directory + strategy.map(s -> " strategy=" + s).orElse("")
                + choking.map(c -> " choking=" + c).orElse(""));
        if (!await(() -> id != null || !errors.isEmpty(), START) || id == null) {
            throw new IOException("adding failed: " + errors + " " + log());
        }
        return id;
    }

    void connect(InetSocketAddress peer) throws IOException {
        send("connect " + peer.getHostString() + ":" + peer.getPort());
    }

    /** The connected peers, each as {@code PORT/SOURCE} (source: tracker, pex, magnet, incoming, manual). */
    List<String> peers() throws IOException, InterruptedException {
        lock.lock();
        try {
            peers = null;
        } finally {
            lock.unlock();
        }
        send("peers");
        if (!await(() -> peers != null, START)) {
            throw new IOException("no answer to peers: " + log());
        }
        lock.lock();
        try {
            return peers;
        } finally {
            lock.unlock();
        }
    }

    void pause() throws IOException {
        send("pause");
    }

    /** Waits until the torrent is complete; returns whether it got there in time. */
    boolean awaitComplete(Duration timeout) throws InterruptedException {
        return await(() -> complete, timeout);
    }

    /** Waits until the torrent has a peer. */
    boolean awaitConnected(Duration timeout) throws InterruptedException {
        return await(() -> status != null && status.peers() > 0, timeout);
    }

    /** Waits until the torrent has at least {@code pieces} verified pieces. */
    boolean awaitVerified(int pieces, Duration timeout) throws InterruptedException {
        return await(() -> status != null && status.verified() >= pieces, timeout);
    }

    /** The last status reported, if any. */
    Optional<Status> status() {
        lock.lock();
        try {
            return Optional.ofNullable(status);
        } finally {
            lock.unlock();
        }
    }

    /** What the client wrote to its error stream (its warnings), for failure messages. */
    String log() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the client as a crash would: SIGKILL, no chance to save anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Quits the client cleanly (it saves its state), by force if it does not exit in time. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                send("quit");
            } catch (IOException e) {
                process.destroy();
            }
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private void send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    private boolean await(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean() && left > 0) {
                left = changed.awaitNanos(left);
            }
            return condition.getAsBoolean();
        } finally {
            lock.unlock();
        }
    }

    private void readAnswers() {
        try (var answers = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                if (line.startsWith("@")) {
                    record(line.substring(1).split(" ", 2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.lock();
            try {
                exited = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void record(String[] answer) {
        lock.lock();
        try {
            switch (answer[0]) {
                case "port" -> port = Integer.parseInt(answer[1]);
                case "added" -> id = answer[1];
                case "complete" -> complete = true;
                case "peers" -> peers = answer.length > 1 && !answer[1].isBlank() ? List.of(answer[1].split(" "))
                        : List.of();
                case "error" -> errors.add(answer.length > 1 ? answer[1] : "");
                case "status" -> {
                    String[] f = answer[1].split(" ");
                    String[] pieces = f[1].split("/");
                    status = new Status(f[0], Integer.parseInt(pieces[0]), Integer.parseInt(pieces[1]),
                            Long.parseLong(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]));
                }
                default -> errors.add("unknown answer " + String.join(" ", answer));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
