package dev.piecewise.core.engine;

import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.FileSnapshot;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentState;
import dev.piecewise.api.bencode.BDictionary;
import dev.piecewise.api.bencode.BList;
import dev.piecewise.api.bencode.BString;
import dev.piecewise.api.bencode.BValue;
import dev.piecewise.api.bencode.Bencode;
import dev.piecewise.core.plugin.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The hostile torrents of issue 9, each added through the API of a running client: refused with one clear line, or
 * sanitized, and never a stack trace or a file outside the download directory. One client serves the whole corpus.
 */
class HostileTorrentsTest {

    private static final int PIECE = 16 * 1024;
    private static final String PLANTED = "a symbolic link planted in the download directory";

    @TempDir
    static Path root;
    private static Client client;

    /** How a case must end. */
    enum Outcome { REFUSED, SANITIZED }

    record Case(String name, Outcome outcome, String expected, byte[] torrent) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startClient() {
        Path plugins = root.resolve("plugins");
        Fixtures.install(plugins, Fixtures.GOOD, "good.jar");
        client = Piecewise.start(new ClientConfig(root.resolve("data"), plugins, InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    static void stopClient() {
        client.close();
    }

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("dot-dot element", Outcome.REFUSED, "..", multi("t", List.of("a", "..", "..", "escape"))));
        cases.add(new Case("torrent named dot-dot", Outcome.REFUSED, "..", single("..", 100)));
        cases.add(new Case("absolute path", Outcome.SANITIZED, null, multi("t", List.of("/etc", "passwd"))));
        cases.add(new Case("separators inside elements", Outcome.SANITIZED, null,
                multi("t", List.of("a/../../b", "c\\..\\d"))));
        cases.add(new Case("empty name", Outcome.SANITIZED, null, single("", 100)));
        cases.add(new Case("empty path", Outcome.REFUSED, "path", multi("t", List.of())));
        cases.add(new Case("NUL bytes", Outcome.SANITIZED, null, multi("t", List.of("a\0b", "c\0"))));
        cases.add(new Case("a name of 10,000 characters", Outcome.SANITIZED, null, single("x".repeat(10_000), 100)));
        cases.add(new Case("duplicate paths", Outcome.SANITIZED, null,
                multi("t", List.of("same.bin"), List.of("same.bin"))));
        cases.add(new Case("Windows reserved names", Outcome.SANITIZED, null,
                multi("t", List.of("CON"), List.of("nul.txt"), List.of("com1"), List.of("trailing. "))));
        cases.add(new Case("piece hashes that do not match the length", Outcome.REFUSED, "piece",
                torrent(BDictionary.builder().put("name", "t").put("length", 10L * PIECE)
                        .put("piece length", PIECE).put("pieces", new byte[20 * 3]).build())));
        cases.add(new Case("an enormous piece count", Outcome.REFUSED, "piece",
                torrent(BDictionary.builder().put("name", "t").put("length", Long.MAX_VALUE / 2)
                        .put("piece length", PIECE).put("pieces", new byte[20]).build())));
        List<String> deep = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            deep.add("d");
        }
        cases.add(new Case("deep nesting of folders", Outcome.REFUSED, "deep", multi("t", deep)));
        cases.add(new Case("deeply nested bencoding", Outcome.REFUSED, "",
                ("d4:info" + "l".repeat(10_000) + "e".repeat(10_000) + "e").getBytes(StandardCharsets.US_ASCII)));
        cases.add(new Case("not bencoding at all", Outcome.REFUSED, "", "<html>".getBytes(StandardCharsets.US_ASCII)));
        cases.add(new Case(PLANTED, Outcome.REFUSED, "refusing to follow the symbolic link",
                multi("planted", List.of("inner", "file.bin"))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aHostileTorrentIsRefusedInOneLineOrSanitizedAndNothingIsWrittenOutside(Case hostile) throws Exception {
        Path work = Files.createDirectories(root.resolve("case-" + Math.abs(hostile.name().hashCode())));
        Path download = Files.createDirectories(work.resolve("down"));
        Path outside = Files.createDirectories(work.resolve("outside"));
        if (hostile.name().equals(PLANTED)) {
            Files.createSymbolicLink(download.resolve("planted"), outside);
        }
        Path file = Files.write(work.resolve("hostile.torrent"), hostile.torrent());

        TorrentHandle handle = null;
        try {
            handle = client.add(AddTorrent.of(file, download));
        } catch (PiecewiseException refused) {
            String message = refused.getMessage();
            assertEquals(Outcome.REFUSED, hostile.outcome(), "refused: " + message);
            assertFalse(message.isBlank() || message.contains("\n") || message.contains("Exception"),
                    "one clear line: " + message);
            assertTrue(message.contains(hostile.expected()), "says what is wrong ('" + hostile.expected() + "'): "
                    + message);
        }
        if (handle != null) {
            assertEquals(Outcome.SANITIZED, hostile.outcome(), "accepted: " + handle.files());
            awaitChecked(handle);
            assertTrue(handle.status().state() != TorrentState.ERROR, "sanitized: " + handle.status());
            for (FileSnapshot shown : handle.files()) {
                Path path = shown.path();
                assertFalse(path.isAbsolute(), path.toString());
                for (Path element : path) {
                    String name = element.toString();
                    assertFalse(name.isEmpty() || name.equals("..") || name.equals(".") || name.contains("\0")
                            || name.length() > 255, "a plain element: " + name);
                }
            }
            assertEquals(handle.files().size(), handle.files().stream().map(FileSnapshot::path).distinct().count(),
                    "distinct paths: " + handle.files());
            client.remove(handle.id(), true);
        }
        try (var written = Files.list(outside)) {
            assertEquals(List.of(), written.toList(), "nothing outside the download directory");
        }
        try (var tree = Files.walk(work)) {
            for (Path path : tree.toList()) {
                Path real = path.toRealPath(LinkOption.NOFOLLOW_LINKS);
                assertTrue(real.startsWith(work), "nothing outside the case's folder: " + real);
            }
        }
    }

    private static void awaitChecked(TorrentHandle handle) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (handle.status().state() == TorrentState.CHECKING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (handle.status().state() == TorrentState.CHECKING) {
            fail("still checking after 10 s");
        }
    }

    private static byte[] single(String name, long length) {
        return torrent(BDictionary.builder().put("name", name).put("length", length).put("piece length", PIECE)
                .put("pieces", new byte[20 * (int) ((length + PIECE - 1) / PIECE)]).build());
    }

    /** A multi-file torrent of one-byte files at {@code paths}. */
    @SafeVarargs
    private static byte[] multi(String name, List<String>... paths) {
        List<BValue> files = new ArrayList<>();
        for (List<String> path : paths) {
            files.add(BDictionary.builder().put("length", 1L).put("path",
                    new BList(path.stream().map(element -> (BValue) BString.of(element)).toList())).build());
        }
        return torrent(BDictionary.builder().put("name", name).put("files", new BList(files))
                .put("piece length", PIECE).put("pieces", new byte[20]).build());
    }

    private static byte[] torrent(BDictionary info) {
        return Bencode.encode(BDictionary.builder().put("info", info).build());
    }
}
