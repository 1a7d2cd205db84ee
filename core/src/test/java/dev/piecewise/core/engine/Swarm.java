package dev.piecewise.core.engine;

import dev.piecewise.api.TorrentState;
import dev.piecewise.core.metainfo.Metainfo;
import dev.piecewise.core.metainfo.MetainfoParser;
import dev.piecewise.core.metainfo.TorrentBuilder;
import dev.piecewise.core.picker.PieceGeometry;
import dev.piecewise.spi.strategy.PieceStrategy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * In-process swarms for engine tests: real nodes on 127.0.0.1 (ports 0), each with its own listen port, timer and
 * storage, exchanging a real torrent made with {@link TorrentBuilder} from real files. Close it to stop every node.
 */
final class Swarm implements AutoCloseable {

    private final Path root;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Torrent> torrents = new ArrayList<>();
    private final List<MetadataFetch> fetches = new ArrayList<>();
    private final List<Node> fetchNodes = new ArrayList<>();
    final Metainfo metainfo;
    final Path source;
    /** The .torrent file. */
    final Path torrentFile;

    /**
     * Writes {@code files} files of pseudo-random data (sizes chosen so pieces straddle file boundaries) under
     * {@code root/source} and makes a torrent of them.
     */
    Swarm(Path root, int files, long bytesPerFile, int pieceLength) throws IOException, InterruptedException {
        this(root, files, bytesPerFile, pieceLength, false);
    }

    /** As above; a private torrent (BEP 27) when {@code privateTorrent}. */
    Swarm(Path root, int files, long bytesPerFile, int pieceLength, boolean privateTorrent) throws IOException,
            InterruptedException {
        this.root = root;
        this.source = root.resolve("source").resolve("payload");
        var random = new Random(42);
        for (int i = 0; i < files; i++) {
            byte[] data = new byte[(int) (bytesPerFile + i * 777L)];
            random.nextBytes(data);
            Path file = source.resolve(i % 2 == 0 ? "a" : "b").resolve("file-" + i + ".bin");
            Files.createDirectories(file.getParent());
            Files.write(file, data);
        }
        byte[] torrent = TorrentBuilder.of(source).pieceLength(pieceLength).privateTorrent(privateTorrent).build();
        this.torrentFile = Files.write(root.resolve("payload.torrent"), torrent);
        try {
            this.metainfo = MetainfoParser.parse(torrent, "test");
        } catch (dev.piecewise.core.metainfo.MetainfoException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A node that seeds from the source files. */
    Torrent seeder() {
        return node(source.getParent(), EngineSettings.DEFAULT);
    }

    /** A node that downloads into a directory of its own. */
    Torrent leecher(String name) {
        return node(root.resolve(name), EngineSettings.DEFAULT);
    }

    Torrent node(Path directory, EngineSettings settings) {
        return node(directory, root.resolve("resume-" + nodes.size()), settings);
    }

    /** A node whose torrent keeps its data in {@code directory} and its resume state in {@code resumeFile}. */
    Torrent node(Path directory, Path resumeFile, EngineSettings settings) {
        return node(directory, resumeFile, settings, TestPolicies.rarestFirst());
    }

    /** A node whose torrent picks with {@code strategy}. */
    Torrent node(Path directory, Path resumeFile, EngineSettings settings, PieceStrategy strategy) {
        var node = new Node(settings, InetAddress.getLoopbackAddress(), 0);
        nodes.add(node);
        TorrentData data;
        try {
            data = TorrentData.open(metainfo, directory, resumeFile);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var torrent = new Torrent(node.context(), metainfo.infoHash(), metainfo.name(),
                new PieceGeometry(metainfo.totalLength(), metainfo.pieceLength()),
                data, strategy, "test strategy",
                TestPolicies.unchokeAll(), "unchoke-all (test)", null, (from, to) -> { }, Extensions.of(metainfo));
        torrents.add(torrent);
        node.register(torrent);
        torrent.start();
        return torrent;
    }

    /**
     * A node whose torrent, added by magnet link, fetches the metadata (started, knowing no peer); the verified bytes
     * complete {@code metadata}.
     */
    MetadataFetch fetcher(CompletableFuture<byte[]> metadata) {
        var node = new Node(EngineSettings.DEFAULT, InetAddress.getLoopbackAddress(), 0);
        fetchNodes.add(node);
        var fetch = new MetadataFetch(node.context(), metainfo.infoHash(), "magnet", (from, to) -> { },
                metadata::complete);
        fetches.add(fetch);
        node.register(fetch);
        fetch.start();
        return fetch;
    }

    /** The node a torrent runs in. */
    Node nodeOf(Torrent torrent) {
        return nodes.get(torrents.indexOf(torrent));
    }

    /** Where a torrent's node listens. */
    InetSocketAddress address(Torrent torrent) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), nodes.get(torrents.indexOf(torrent)).port());
    }

    /** Copies the source into {@code name}/ without the files whose names are given: a partial seeder's data. */
    Path partialCopy(String name, String... leaveOut) throws IOException {
        Path copy = root.resolve(name).resolve(metainfo.name());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!Arrays.asList(leaveOut).contains(file.getFileName().toString())) {
                    Path target = copy.resolve(source.relativize(file));
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        return root.resolve(name);
    }

    /** Waits until the torrent has checked its data. */
    static void awaitRunning(Torrent torrent) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (torrent.state() == TorrentState.CHECKING && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Waits until the torrent has {@code pieces} verified pieces; returns whether it got there. */
    static boolean awaitVerified(Torrent torrent, int pieces, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (torrent.verifiedPieces().cardinality() < pieces && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return torrent.verifiedPieces().cardinality() >= pieces;
    }

    /** Whether every file under the download directory equals the source. */
    void assertSameAsSource(Path downloadDirectory) throws IOException {
        Path downloaded = downloadDirectory.resolve(metainfo.name());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = downloaded.resolve(source.relativize(file));
                if (!Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(copy))) {
                    throw new AssertionError(copy + " differs from " + file);
                }
            }
        }
    }

    Path directory(String name) {
        return root.resolve(name);
    }

    @Override
    public void close() {
        for (Torrent torrent : torrents) {
            try {
                torrent.remove(false);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        fetches.forEach(MetadataFetch::remove);
        nodes.forEach(Node::close);
        fetchNodes.forEach(Node::close);
    }
}
