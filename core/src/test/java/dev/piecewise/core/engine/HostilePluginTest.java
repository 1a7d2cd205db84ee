package dev.piecewise.core.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.piecewise.api.AddTorrent;
import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.TorrentHandle;
import dev.piecewise.api.TorrentState;
import dev.piecewise.core.plugin.TestJars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plugins that throw, answer nonsense or never return, loaded from a real plugin jar built by the test, in a real
 * swarm of two clients on 127.0.0.1: the torrent that uses the plugin falls back to the built-in strategy or policy
 * with one warning naming the plugin and its jar and finishes byte-identical; the other torrent of the same clients,
 * which uses well-behaved plugins, finishes too.
 */
class HostilePluginTest {

    static {
        // the tests run inside the core's module, which does not read logback; the log capture needs it
        for (String name : List.of("ch.qos.logback.classic", "ch.qos.logback.core")) {
            ModuleLayer.boot().findModule(name).ifPresent(HostilePluginTest.class.getModule()::addReads);
        }
    }

    private static final String JAR = "hostile-plugins.jar";
    private static Path jar;

    @TempDir
    Path root;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void buildJar(@TempDir Path work) throws IOException {
        Path sources = work.resolve("src");
        write(sources.resolve("module-info.java"), """
                module fixture.hostile {
                    requires dev.piecewise.core;
                    provides dev.piecewise.spi.strategy.PieceStrategyProvider with
                        fixture.hostile.Hostile.Plain, fixture.hostile.Hostile.Throwing,
                        fixture.hostile.Hostile.Nonsense, fixture.hostile.Hostile.Endless;
                    provides dev.piecewise.spi.choking.ChokingPolicyProvider with
                        fixture.hostile.Hostile.Open, fixture.hostile.Hostile.ChokeThrows,
                        fixture.hostile.Hostile.ChokeNonsense, fixture.hostile.Hostile.ChokeEndless;
                }
                """);
        write(sources.resolve("fixture/hostile/Hostile.java"), HOSTILE);
        Path classes = TestJars.compileModule(sources, work.resolve("classes"), "1.0.0");
        jar = TestJars.jar(classes, work.resolve(JAR), "1.0.0");
    }

    @BeforeEach
    void captureWarnings() {
        log.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    @ParameterizedTest(name = "strategy {0}, choking {1}")
    @CsvSource({
            "throwing, open, strategy 'throwing' (" + JAR + ") failed",
            "nonsense, open, strategy 'nonsense' (" + JAR + ") offered piece -1",
            "endless, open, strategy 'endless' (" + JAR + ") did not return in time",
            "plain, choke-throws, choking policy 'choke-throws' (" + JAR + ") failed",
            "plain, choke-nonsense, choking policy 'choke-nonsense' (" + JAR + ") unchoked peer 987654321",
            "plain, choke-endless, choking policy 'choke-endless' (" + JAR + ") did not return in time"})
    void aHostilePluginIsContainedAndEveryTorrentFinishes(String strategy, String choking, String warning)
            throws Exception {
        var hostile = new Swarm(root.resolve("hostile"), 4, 300_000, 32 * 1024);
        var other = new Swarm(root.resolve("other"), 5, 300_000, 32 * 1024);
        try (Client seeder = start("seeder"); Client leecher = start("leecher")) {
            var seederAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), seeder.port());
            TorrentHandle seeding = seeder.add(request(hostile, hostile.source.getParent(), strategy, choking));
            seeder.add(request(other, other.source.getParent(), "plain", "open"));
            TorrentHandle a = leecher.add(request(hostile, root.resolve("down"), strategy, choking));
            TorrentHandle b = leecher.add(request(other, root.resolve("down"), "plain", "open"));
            a.connect(seederAddress);
            b.connect(seederAddress);

            assertTrue(b.awaitCompletion(Duration.ofSeconds(30)), "the other torrent finishes: " + b.status());
            assertTrue(a.awaitCompletion(Duration.ofSeconds(30)), "the hostile plugin's torrent finishes too: "
                    + a.status());
            assertEquals(TorrentState.SEEDING, a.status().state());
            // the leecher picks, the seeder unchokes: each has surely called its plugin by now
            String inEffect = strategy.equals("plain") ? seeding.status().choking().spec()
                    : a.status().strategy().spec();
            String failed = strategy.equals("plain") ? choking : strategy;
            assertTrue(inEffect.startsWith("built-in ") && inEffect.endsWith(" (replacing " + failed + ")"),
                    "the status names the built-in plugin that runs instead: " + inEffect);
            assertSameFiles(hostile.source, root.resolve("down").resolve(hostile.metainfo.name()));
            assertSameFiles(other.source, root.resolve("down").resolve(other.metainfo.name()));
        }
        List<String> warnings = log.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(warnings.stream().anyMatch(line -> line.contains(warning)), "a warning with '" + warning
                + "' naming the plugin and its jar; warnings were: " + warnings);
        assertTrue(warnings.stream().noneMatch(line -> line.contains("'plain'") || line.contains("'open'")),
                "the well-behaved plugins are never blamed: " + warnings);
        assertTrue(log.list.stream().noneMatch(event -> event.getLevel() == Level.ERROR),
                "no errors: " + log.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList());
    }

    private Client start(String name) throws IOException {
        Path plugins = Files.createDirectories(root.resolve(name + "-plugins"));
        Files.copy(jar, plugins.resolve(JAR));
        return Piecewise.start(new ClientConfig(root.resolve(name + "-data"), plugins,
                InetAddress.getLoopbackAddress(), 0));
    }

    private static AddTorrent request(Swarm swarm, Path directory, String strategy, String choking) {
        return new AddTorrent(swarm.torrentFile, directory, Optional.of(strategy), Map.of(), Optional.of(choking),
                Map.of());
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        try (var files = Files.walk(expected)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(actual.resolve(expected.relativize(file))),
                        file.toString());
            }
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static final String HOSTILE = """
            package fixture.hostile;

            import dev.piecewise.spi.OptionSpec;
            import dev.piecewise.spi.choking.ChokingContext;
            import dev.piecewise.spi.choking.ChokingDecision;
            import dev.piecewise.spi.choking.ChokingEvent;
            import dev.piecewise.spi.choking.ChokingPolicy;
            import dev.piecewise.spi.choking.ChokingPolicyProvider;
            import dev.piecewise.spi.choking.ChokingView;
            import dev.piecewise.spi.choking.PeerStats;
            import dev.piecewise.spi.strategy.PeerView;
            import dev.piecewise.spi.strategy.PickSink;
            import dev.piecewise.spi.strategy.PieceStrategy;
            import dev.piecewise.spi.strategy.PieceStrategyProvider;
            import dev.piecewise.spi.strategy.PieceView;
            import dev.piecewise.spi.strategy.StrategyContext;
            import java.time.Duration;
            import java.util.List;
            import java.util.Set;

            public final class Hostile {
                private Hostile() {
                }

                /** Well-behaved: open pieces first, then the rarest. */
                static void plain(PieceView torrent, PeerView peer, PickSink sink) {
                    for (int i = 0; i < torrent.openCount(); i++) {
                        if (peer.has(torrent.open(i)) && !sink.piece(torrent.open(i))) {
                            return;
                        }
                    }
                    torrent.availability().visitRarest(piece -> !peer.has(piece) || sink.piece(piece));
                }

                abstract static class Strategy implements PieceStrategyProvider {
                    public String description() { return "a test strategy"; }
                    public List<OptionSpec> options() { return List.of(); }
                }

                public static final class Plain extends Strategy {
                    public String id() { return "plain"; }
                    public PieceStrategy create(StrategyContext context) { return Hostile::plain; }
                }

                public static final class Throwing extends Strategy {
                    public String id() { return "throwing"; }
                    public PieceStrategy create(StrategyContext context) {
                        int[] picks = {0};
                        return (torrent, peer, sink) -> {
                            if (++picks[0] > 2) {
                                throw new IllegalStateException("a bug in the plugin");
                            }
                            plain(torrent, peer, sink);
                        };
                    }
                }

                public static final class Nonsense extends Strategy {
                    public String id() { return "nonsense"; }
                    public PieceStrategy create(StrategyContext context) {
                        return (torrent, peer, sink) -> {
                            for (int i = 0; i < 100; i++) {
                                sink.piece(0);
                                sink.block(0, 0);
                            }
                            sink.piece(-1);
                            sink.piece(torrent.pieceCount());
                            sink.block(1, 1_000);
                        };
                    }
                }

                public static final class Endless extends Strategy {
                    public String id() { return "endless"; }
                    public PieceStrategy create(StrategyContext context) {
                        return (torrent, peer, sink) -> {
                            long sum = 0;
                            while (sum >= 0) {
                                for (int i = 0; i < torrent.pieceCount(); i++) {
                                    sum += peer.has(i) ? 1 : 0;
                                }
                                sum &= 0xffff;
                            }
                        };
                    }
                }

                abstract static class Policy implements ChokingPolicyProvider {
                    public String description() { return "a test policy"; }
                    public List<OptionSpec> options() { return List.of(); }
                }

                /** Well-behaved: every interested peer, up to the limit. */
                static ChokingDecision open(ChokingView view) {
                    ChokingDecision decision = new ChokingDecision();
                    int count = 0;
                    for (PeerStats peer : view.peers()) {
                        if (peer.interested() && count++ < view.maxUnchoked()) {
                            decision.unchoke(peer.id());
                        }
                    }
                    return decision;
                }

                record Simple(java.util.function.Function<ChokingView, ChokingDecision> rule) implements ChokingPolicy {
                    public Duration interval() { return Duration.ofSeconds(10); }
                    public Set<ChokingEvent> triggers() { return Set.of(ChokingEvent.PEER_INTERESTED); }
                    public ChokingDecision rechoke(ChokingView view, boolean scheduled) { return rule.apply(view); }
                }

                public static final class Open extends Policy {
                    public String id() { return "open"; }
                    public ChokingPolicy create(ChokingContext context) { return new Simple(Hostile::open); }
                }

                public static final class ChokeThrows extends Policy {
                    public String id() { return "choke-throws"; }
                    public ChokingPolicy create(ChokingContext context) {
                        return new Simple(view -> {
                            throw new IllegalStateException("a bug in the policy");
                        });
                    }
                }

                public static final class ChokeNonsense extends Policy {
                    public String id() { return "choke-nonsense"; }
                    public ChokingPolicy create(ChokingContext context) {
                        return new Simple(view -> new ChokingDecision().unchoke(987654321L));
                    }
                }

                public static final class ChokeEndless extends Policy {
                    public String id() { return "choke-endless"; }
                    public ChokingPolicy create(ChokingContext context) {
                        return new Simple(view -> {
                            double sum = 0;
                            while (sum >= 0) {
                                for (PeerStats peer : view.peers()) {
                                    sum += peer.downloadRate();
                                }
                                sum = Math.min(sum, 1);
                            }
                            return null;
                        });
                    }
                }
            }
            """;
}
