package dev.piecewise.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A torrent whose trackers misbehave in every way but one, through the product: one refuses connections, one accepts
 * and never answers, one answers garbage, and the last is a real (embedded) tracker. The leecher gets its peer from the
 * good one at once and finishes; the snapshot shows the bad ones failing with the reason, their next try later.
 */
class TrackerFaultsIT {

    @TempDir
    Path work;

    @Test
    void badTrackersNeitherDelayTheGoodOneNorStopTheDownload() throws Exception {
        Payload untracked = Payload.create(work, 4, 300_000, 64 * 1024);
        URI refusing = URI.create("http://127.0.0.1:" + closedPort() + "/announce");
        try (var hanging = new FakeTracker(false); var garbage = new FakeTracker(true);
             var seeder = ShellProcess.start(Launch.command(work.resolve("seeder")))) {
            seeder.send("tracker start");
            Matcher url = SeedingShell.TRACKER.matcher(seeder.await("/announce\n"));
            assertTrue(url.find());
            URI good = URI.create(url.group(1));
            Payload payload = untracked.announcingTo(List.of(refusing, hanging.url(), garbage.url(), good));
            seeder.send("add " + payload.torrent() + " --dir " + payload.seedDirectory() + "; wait --timeout 30");
            Matcher id = SeedingShell.ID.matcher(seeder.await(" complete\n"));
            assertTrue(id.find());
            String torrent = id.group(1);

            Path out = work.resolve("out");
            try (var leecher = ShellProcess.start(Launch.command(work.resolve("leecher")))) {
                long start = System.nanoTime();
                leecher.send("add " + payload.torrent() + " --dir " + out + "; wait --timeout 60");
                leecher.await(torrent + " complete\n");
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("download with three bad trackers of four took %.1f s%n", seconds);
                payload.assertDownloadedTo(out);
                assertTrue(seconds < 20, "the hanging tracker (30 s deadline) held nothing up: " + seconds + " s");

                // the completed event has just gone to every tier: poll (bounded) until those calls are over
                List<String> rows = List.of();
                for (int i = 0; i < 50 && !settled(rows, good, refusing, garbage.url()); i++) {
                    Thread.sleep(200);
                    leecher.send("trackers " + torrent + "; help wait");
                    rows = leecher.await("usage: wait").lines().toList();
                }
                assertTrue(row(rows, good).matches(".*\\s+working\\s+.*"), "the good one works: " + rows);
                assertTrue(row(rows, refusing).matches(".*\\s+failing\\s+.*\\s+in \\S+\\s+.*refused.*"),
                        "the refusing one fails, says why and tries again later: " + rows);
                assertTrue(row(rows, garbage.url()).matches(".*\\s+failing\\s+.*\\s+in \\S+\\s+.*bencoding.*"),
                        "so does the garbage one: " + rows);
                assertTrue(row(rows, hanging.url()).matches(".*\\s+(announcing|failing)\\s+.*"),
                        "the hanging one is still being waited for, on its own: " + rows);
                assertEquals(0, leecher.finish(), leecher.errors());
            }
            assertTrue(garbage.requests() >= 1 && hanging.requests() >= 1, "every tracker was asked");
            assertEquals(0, seeder.finish(), seeder.errors());
        }
    }

    private static boolean settled(List<String> rows, URI good, URI... bad) {
        if (rows.stream().noneMatch(line -> line.contains(good.toString()) && line.contains(" working "))) {
            return false;
        }
        for (URI tracker : bad) {
            if (rows.stream().noneMatch(line -> line.contains(tracker.toString()) && line.contains(" failing "))) {
                return false;
            }
        }
        return true;
    }

    private static String row(List<String> rows, URI tracker) {
        return rows.stream().filter(line -> line.contains(tracker.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + tracker + " in " + rows));
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A loopback HTTP "tracker" that either never answers or answers 200 with a body that is not bencoding. */
    private static final class FakeTracker implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final boolean answersGarbage;
        private final Thread acceptor;

        FakeTracker(boolean answersGarbage) throws IOException {
            this.answersGarbage = answersGarbage;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.acceptor = Thread.ofVirtual().start(this::serve);
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/announce");
        }

        int requests() {
            return held.size();
        }

        private void serve() {
            try {
                while (true) {
                    Socket socket = server.accept();
                    held.add(socket);
                    if (answersGarbage) {
                        answer(socket);
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private static void answer(Socket socket) throws IOException {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int read;
            var request = new StringBuilder();
            while (!request.toString().contains("\r\n\r\n") && (read = in.read(buffer)) > 0) {
                request.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
            byte[] body = "<html>this is not a tracker</html>".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            socket.close();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
            acceptor.join(5_000);
        }
    }
}
