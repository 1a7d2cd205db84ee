package dev.piecewise.dist;

import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentSource;
import dev.piecewise.api.TorrentStatus;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Piecewise client for whole-product tests, run by {@link ProductClient} in its own JVM on the distribution's
 * runtime, with the distribution's plugins, driven through the public API only (as the shell would).
 *
 * <p>Arguments: {@code DATA_DIR PLUGINS_DIR}. Commands, one per line on standard input: {@code add TORRENT DIR
 * [strategy=SPEC] [choking=ID]} (TORRENT a .torrent file or a magnet link), {@code connect HOST:PORT},
 * {@code peers}, {@code pause}, {@code resume}, {@code quit}. Answers, one per line on standard output, each starting
 * with {@code @}: {@code @port N} at start, {@code @added ID}, {@code @status STATE VERIFIED/TOTAL DOWNLOADED UPLOADED
 * PEERS} every 200 ms once a torrent is added, {@code @complete} once it is, {@code @peers PORT/SOURCE...} for
 * {@code peers}, {@code @error MESSAGE} for a command that failed.
 */
public final class ClientDriver {

    private ClientDriver() {
    }

    public static void main(String[] args) throws Exception {
        var config = new ClientConfig(Path.of(args[0]), Path.of(args[1]), InetAddress.getLoopbackAddress(), 0);
        try (Client client = Piecewise.start(config)) {
            say("port " + client.port());
            // a restarted client restores its torrent from the data directory
            client.torrents().stream().findFirst().ifPresent(ClientDriver::report);
            var input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = input.readLine(); line != null && !line.equals("quit"); line = input.readLine()) {
                try {
                    run(client, line.strip().split("\\s+"));
                } catch (RuntimeException e) {
                    say("error " + e.getMessage());
                }
            }
        }
        System.exit(0);
    }

    private static void run(Client client, String[] words) {
        switch (words[0]) {
            case "add" -> {
                Map<String, String> choices = new HashMap<>();
                for (int i = 3; i < words.length; i++) {
                    String[] pair = words[i].split("=", 2);
                    choices.put(pair[0], pair[1]);
                }
                TorrentSource source = TorrentSource.isMagnet(words[1]) ? new TorrentSource.Magnet(words[1])
                        : new TorrentSource.File(Path.of(words[1]));
                TorrentHandle torrent = client.add(new AddTorrent(source, Path.of(words[2]),
                        Optional.ofNullable(choices.get("strategy")), Map.of(),
                        Optional.ofNullable(choices.get("choking")), Map.of()));
                say("added " + torrent.id());
                report(torrent);
            }
            case "connect" -> {
                String[] hostPort = words[1].split(":");
                only(client).connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
            }
            case "peers" -> say("peers " + only(client).peers().stream()
                    .map(peer -> peer.address().getPort() + "/" + peer.source()).collect(Collectors.joining(" ")));
            case "pause" -> only(client).pause();
            case "resume" -> only(client).resume();
            default -> say("error unknown command " + words[0]);
        }
    }

    private static TorrentHandle only(Client client) {
        List<TorrentHandle> torrents = client.torrents();
        if (torrents.isEmpty()) {
            throw new IllegalStateException("no torrent added");
        }
        return torrents.getFirst();
    }

    /** Reports the torrent's status every 200 ms, and completion once. */
    private static void report(TorrentHandle torrent) {
        Thread.ofPlatform().daemon().name("report").start(() -> {
            boolean complete = false;
            while (true) {
                TorrentStatus status = torrent.status();
                say("status " + status.state() + " " + status.piecesVerified() + "/" + status.piecesTotal() + " "
                        + status.downloaded() + " " + status.uploaded() + " " + status.peers());
                try {
                    if (!complete && torrent.awaitCompletion(Duration.ofMillis(200))) {
                        complete = true;
                        say("complete");
                    } else if (complete) {
                        Thread.sleep(200);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    say("error " + e.getMessage());
                    sleepQuietly();
                }
            }
        });
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized void say(String line) {
        System.out.println("@" + line);
        System.out.flush();
    }
}
