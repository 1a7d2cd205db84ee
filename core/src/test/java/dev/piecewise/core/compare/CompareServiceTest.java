package dev.piecewise.core.compare;

import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.CompareListener;
import dev.piecewise.api.CompareRequest;
import dev.piecewise.api.CompareResult;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.PiecewiseException;
import dev.piecewise.core.metainfo.TorrentBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Client#compare} from a torrent file to the files written, with strategies and a choking policy loaded from a
 * plugin jar like any other ({@link FixturePlugins}, since the core's tests cannot use the real plugins).
 */
class CompareServiceTest {

    @TempDir
    static Path shared;
    private static Path plugins;
    private static Path torrent;

    @TempDir
    Path temp;

    @BeforeAll
    static void buildPluginAndTorrent() throws IOException, InterruptedException {
        plugins = FixturePlugins.build(shared);
        byte[] payload = new byte[48 * 32 * 1024 - 100];
        new Random(3).nextBytes(payload);
        Path data = shared.resolve("payload.bin");
        Files.write(data, payload);
        torrent = shared.resolve("payload.torrent");
        TorrentBuilder.of(data).pieceLength(32 * 1024).write(torrent);
    }

    private Client start() {
        return Piecewise.start(new ClientConfig(temp.resolve("data"), plugins, InetAddress.getLoopbackAddress(), 0));
    }

    private static CompareRequest simulated(Path torrentFile, List<String> strategies, Path report, Path csv) {
        var shape = new CompareRequest.Shape(OptionalInt.empty(), OptionalInt.of(8), OptionalInt.of(1),
                OptionalLong.empty(), OptionalLong.empty());
        return new CompareRequest(torrentFile, strategies, Optional.empty(), Map.of(), CompareRequest.Swarm.SIM,
                OptionalInt.of(2), OptionalLong.empty(), shape, Optional.ofNullable(report), Optional.ofNullable(csv),
                Optional.empty());
    }

    @Test
    void comparesPluginStrategiesInTheSimulatorFromATorrentFile() throws IOException {
        Path report = temp.resolve("report.html");
        Path csv = temp.resolve("runs.csv");
        try (Client client = start()) {
            CompareResult result = client.compare(simulated(torrent, List.of("low", "rare"), report, csv),
                    CompareListener.NONE);

            assertEquals(List.of("lowest-first", "rarest"), result.strategies().stream()
                    .map(CompareResult.Strategy::strategy).toList(), "specs resolved to full ids, in order");
            assertEquals("unchoke-interested", result.choking());
            assertEquals("payload.bin", result.torrent());
            assertEquals(2, result.runs());
            assertEquals(1, result.seed());
            for (CompareResult.Strategy strategy : result.strategies()) {
                assertEquals(8, strategy.leechers());
                assertEquals(16, strategy.completed(), strategy.strategy() + ": every leecher of both runs");
            }
            assertEquals(List.of(report.toAbsolutePath(), csv.toAbsolutePath()), result.written());
            assertEquals(1 + 2 * 2 * 9, Files.readAllLines(csv).size());
            assertTrue(Files.readString(report).contains("lowest-first"));
            assertTrue(result.setup().startsWith("1 seed at "), result.setup());

            CompareResult again = client.compare(simulated(torrent, List.of("low", "rare"), null, null),
                    CompareListener.NONE);
            assertEquals(result.strategies(), again.strategies(), "the same seed gives the same figures");
        }
    }

    @Test
    void comparesInTheLabWithRealEnginesAndLeavesNoFileSocketOrThreadBehind() throws Exception {
        Path csv = temp.resolve("lab.csv");
        var shape = new CompareRequest.Shape(OptionalInt.empty(), OptionalInt.of(3), OptionalInt.empty(),
                OptionalLong.of(1024 * 1024), OptionalLong.of(512 * 1024));
        var request = new CompareRequest(torrent, List.of("low", "rare"), Optional.empty(), Map.of(),
                CompareRequest.Swarm.LAB,
                OptionalInt.of(1), OptionalLong.empty(), shape, Optional.empty(), Optional.of(csv), Optional.empty());
        try (Client client = start()) {
            long socketsBefore = LabLeftovers.openSockets();
            List<String> threadsBefore = LabLeftovers.engineThreads();
            CompareResult result = client.compare(request, CompareListener.NONE);

            for (CompareResult.Strategy strategy : result.strategies()) {
                assertEquals(3, strategy.completed(), strategy.strategy() + ": every leecher completed");
                // the seed's cap: 1.5 MiB at 1 MiB/s cannot reach the last leecher in under 1.5 s
                assertTrue(strategy.completionSeconds().max() >= 1.4, strategy.strategy() + " finished faster than "
                        + "the seed's upload cap allows: " + strategy.completionSeconds());
                assertTrue(strategy.completionSeconds().max() < 30, strategy.completionSeconds().toString());
            }
            assertTrue(result.setup().contains("real engines on 127.0.0.1"), result.setup());
            List<String> rows = Files.readAllLines(csv);
            assertEquals(1 + 2 * 4, rows.size(), "a row per peer per run: " + rows);
            long leecherBytes = rows.stream().skip(1).filter(row -> !row.contains(",seed,")).count();
            assertEquals(6, leecherBytes);

            LabLeftovers.assertNoneLeft(temp.resolve("data").resolve("compare-lab"), socketsBefore, threadsBefore);
        }
    }

    @Test
    void refusesBadRequestsBeforeAnythingRuns() throws IOException {
        Path broken = Files.writeString(temp.resolve("broken.torrent"), "d4:infoi1ee");
        try (Client client = start()) {
            assertMessage("no strategy", () -> client.compare(simulated(torrent, List.of("rare", "nothing"), null,
                    null), CompareListener.NONE));
            assertMessage("both name rarest", () -> client.compare(simulated(torrent, List.of("rarest", "rar"), null,
                    null), CompareListener.NONE));
            assertMessage("broken.torrent", () -> client.compare(simulated(broken, List.of("rare"), null, null),
                    CompareListener.NONE));
            assertMessage("at most 24 peers", () -> client.compare(new CompareRequest(torrent, List.of("rare"),
                    Optional.empty(), Map.of(), CompareRequest.Swarm.LAB, OptionalInt.of(1), OptionalLong.empty(),
                    new CompareRequest.Shape(OptionalInt.empty(), OptionalInt.of(30), OptionalInt.empty(),
                            OptionalLong.empty(), OptionalLong.empty()), Optional.empty(), Optional.empty(),
                    Optional.empty()), CompareListener.NONE));
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        PiecewiseException failure = assertThrows(PiecewiseException.class, call);
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }
}
