package dev.piecewise.core.plugin;

import dev.piecewise.spi.strategy.PieceStrategyProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The plugin jars the loader tests use, good and broken, compiled once per test JVM into {@code target/fixture-jars}.
 * Tests copy them into plugins folders of their own under the file names they need (the names set the load order).
 */
public final class Fixtures {

    /** fixture.good 1.0.0: strategies rarest-first and end-game, choking tit-for-tat, tracker fixture-http. */
    public static final String GOOD = "good-1.0.0.jar";
    /** The same classes as {@link #GOOD} in version 2.0.0. */
    public static final String GOOD_V2 = "good-2.0.0.jar";
    /** A plain jar (no module-info) whose META-INF/services names strategy random-first. */
    public static final String PLAIN = "plain.jar";
    /** Random bytes. */
    public static final String GARBAGE = "garbage.jar";
    /** fixture.needy: requires module fixture.absent, which no jar provides. */
    public static final String NEEDY = "needy.jar";
    /** A plain jar with a class in dev.piecewise.spi, a package of the core. */
    public static final String SPLIT_CORE = "split-core.jar";
    /** A plain jar with a class in javax.net.ssl, a package of java.base. */
    public static final String SPLIT_JDK = "split-jdk.jar";
    /** fixture.boom: a strategy whose constructor throws, one whose id() throws, then steady and crashy (whose create throws). */
    public static final String BOOM = "boom.jar";
    /** fixture.dupid: strategy rarest-first again, and tracker other-https serving https again. */
    public static final String DUPLICATE_IDS = "dupid.jar";
    /** fixture.badid: a strategy whose id is Bad_Id. */
    public static final String BAD_ID = "badid.jar";
    /** fixture.empty: a module that provides nothing. */
    public static final String EMPTY = "empty.jar";

    private static final Path DIRECTORY = Path.of("target", "fixture-jars").toAbsolutePath();
    private static boolean built;

    private Fixtures() {
    }

    /** Copies fixture jars into {@code folder}: pairs of fixture name and the file name to give it. */
    public static void install(Path folder, String... fixtureThenName) {
        try {
            Files.createDirectories(folder);
            for (int i = 0; i < fixtureThenName.length; i += 2) {
                Files.copy(jar(fixtureThenName[i]), folder.resolve(fixtureThenName[i + 1]),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built fixture jar of that name. */
    public static synchronized Path jar(String name) {
        if (!built) {
            try {
                build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            built = true;
        }
        return DIRECTORY.resolve("jars").resolve(name);
    }

    private static void build() throws IOException {
        TestJars.deleteTree(DIRECTORY);
        Path jars = DIRECTORY.resolve("jars");
        Path modules = TestJars.compileModules(DIRECTORY.resolve("modular"), Map.of(
                "fixture.good", List.of(GOOD_MODULE, RARE, END_GAME, TIT_FOR_TAT, HTTP),
                "fixture.needy", List.of(NEEDY_MODULE, NEEDY_STRATEGY),
                "fixture.absent", List.of(ABSENT_MODULE, ABSENT_CLASS),
                "fixture.boom", List.of(BOOM_MODULE, THROWS_IN_CONSTRUCTOR, THROWS_IN_ID, STEADY, CRASHY),
                "fixture.dupid", List.of(DUPID_MODULE, DUPLICATE_RARE, OTHER_HTTPS),
                "fixture.badid", List.of(BADID_MODULE, BAD_ID_STRATEGY),
                "fixture.empty", List.of(EMPTY_MODULE, EMPTY_CLASS)));
        TestJars.jar(modules.resolve("fixture.good"), jars.resolve(GOOD), "1.0.0");
        TestJars.jar(modules.resolve("fixture.good"), jars.resolve(GOOD_V2), "2.0.0");
        TestJars.jar(modules.resolve("fixture.needy"), jars.resolve(NEEDY), "1.0");
        TestJars.jar(modules.resolve("fixture.boom"), jars.resolve(BOOM), "1.0");
        TestJars.jar(modules.resolve("fixture.dupid"), jars.resolve(DUPLICATE_IDS), "1.0");
        TestJars.jar(modules.resolve("fixture.badid"), jars.resolve(BAD_ID), "1.0");
        TestJars.jar(modules.resolve("fixture.empty"), jars.resolve(EMPTY), "1.0");

        Path plain = TestJars.compilePlain(DIRECTORY.resolve("plain"), List.of(RANDOM_FIRST));
        TestJars.services(plain, PieceStrategyProvider.class, "plain.random.RandomFirst");
        TestJars.jar(plain, jars.resolve(PLAIN), null);

        TestJars.jar(TestJars.compilePlain(DIRECTORY.resolve("split-core"), List.of(SNEAKY_CORE)),
                jars.resolve(SPLIT_CORE), null);
        Path jdk = DIRECTORY.resolve("split-jdk");
        TestJars.jar(TestJars.compilePlain(jdk, List.of(SNEAKY_JDK),
                "--patch-module", "java.base=" + jdk.resolve("sources")), jars.resolve(SPLIT_JDK), null);

        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        Files.write(jars.resolve(GARBAGE), garbage);
    }

    private static final String GOOD_MODULE = """
            module fixture.good {
                requires dev.piecewise.core;
                provides dev.piecewise.spi.strategy.PieceStrategyProvider
                        with fixture.good.Rare, fixture.good.EndGame;
                provides dev.piecewise.spi.choking.ChokingPolicyProvider with fixture.good.TitForTat;
                provides dev.piecewise.spi.tracker.TrackerTransportProvider with fixture.good.Http;
            }
            """;

    /** Offers the piece numbered like its window option: a test sees which options reached which instance. */
    private static final String RARE = """
            package fixture.good;

            import dev.piecewise.spi.OptionSpec;
            import dev.piecewise.spi.strategy.*;
            import java.util.List;

            public final class Rare implements PieceStrategyProvider {
                public String id() { return "rarest-first"; }
                public String description() { return "stands in for rarest-first"; }
                public List<OptionSpec> options() {
                    return List.of(OptionSpec.integer("window", 4, 1, 64, "pieces ahead"),
                            OptionSpec.integer("spread", 1, 1, 8, "declared by end-game too"));
                }
                public PieceStrategy create(StrategyContext context) {
                    return new Picker((int) context.options().integer("window"));
                }

                static final class Picker implements PieceStrategy {
                    private final int window;
                    Picker(int window) { this.window = window; }
                    public void pick(PieceView torrent, PeerView peer, PickSink sink) { sink.piece(window); }
                }
            }
            """;

    /** Lets its base pick, then offers block (max-duplicates, 0). */
    private static final String END_GAME = """
            package fixture.good;

            import dev.piecewise.spi.OptionSpec;
            import dev.piecewise.spi.strategy.*;
            import java.util.List;

            public final class EndGame implements PieceStrategyProvider {
                public String id() { return "end-game"; }
                public String description() { return "stands in for end-game"; }
                public boolean modifier() { return true; }
                public List<OptionSpec> options() {
                    return List.of(OptionSpec.integer("max-duplicates", 2, 1, 8, "copies of a block"),
                            OptionSpec.integer("spread", 1, 1, 8, "declared by rarest-first too"));
                }
                public PieceStrategy create(StrategyContext context) {
                    PieceStrategy base = context.base().orElseThrow();
                    int duplicates = (int) context.options().integer("max-duplicates");
                    return (torrent, peer, sink) -> {
                        base.pick(torrent, peer, sink);
                        sink.block(duplicates, 0);
                    };
                }
            }
            """;

    /** Its interval in seconds is its slots option. */
    private static final String TIT_FOR_TAT = """
            package fixture.good;

            import dev.piecewise.spi.OptionSpec;
            import dev.piecewise.spi.choking.*;
            import java.time.Duration;
            import java.util.List;

            public final class TitForTat implements ChokingPolicyProvider {
                public String id() { return "tit-for-tat"; }
                public String description() { return "stands in for tit-for-tat"; }
                public List<OptionSpec> options() {
                    return List.of(OptionSpec.integer("slots", 4, 1, 50, "regular unchoke slots"));
                }
                public ChokingPolicy create(ChokingContext context) {
                    long slots = context.options().integer("slots");
                    return new ChokingPolicy() {
                        public Duration interval() { return Duration.ofSeconds(slots); }
                        public ChokingDecision rechoke(ChokingView view, boolean scheduled) {
                            return new ChokingDecision();
                        }
                    };
                }
            }
            """;

    private static final String HTTP = """
            package fixture.good;

            import dev.piecewise.api.InfoHash;
            import dev.piecewise.spi.tracker.*;
            import java.net.URI;
            import java.util.List;
            import java.util.Set;

            public final class Http implements TrackerTransportProvider {
                public String id() { return "fixture-http"; }
                public String description() { return "answers nothing"; }
                public Set<String> schemes() { return Set.of("http", "https"); }
                public TrackerTransport create(TransportContext context) {
                    return new TrackerTransport() {
                        public AnnounceResponse announce(AnnounceRequest request) throws TrackerException {
                            throw new TrackerException(TrackerException.Reason.UNREACHABLE, "fixture");
                        }
                        public boolean canScrape(URI announce) { return false; }
                        public ScrapeResponse scrape(URI announce, List<InfoHash> torrents) throws TrackerException {
                            throw new TrackerException(TrackerException.Reason.UNSUPPORTED, "fixture");
                        }
                        public void close() { }
                    };
                }
            }
            """;

    private static final String NEEDY_MODULE = """
            module fixture.needy {
                requires dev.piecewise.core;
                requires fixture.absent;
                provides dev.piecewise.spi.strategy.PieceStrategyProvider with fixture.needy.Needy;
            }
            """;

    private static final String NEEDY_STRATEGY = """
            package fixture.needy;

            import dev.piecewise.spi.strategy.*;

            public final class Needy implements PieceStrategyProvider {
                public String id() { return "needy"; }
                public String description() { return fixture.absent.Absent.TEXT; }
                public PieceStrategy create(StrategyContext context) { return (torrent, peer, sink) -> { }; }
            }
            """;

    private static final String ABSENT_MODULE = """
            module fixture.absent {
                exports fixture.absent;
            }
            """;

    private static final String ABSENT_CLASS = """
            package fixture.absent;

            public final class Absent {
                public static final String TEXT = "never loaded";
            }
            """;

    private static final String BOOM_MODULE = """
            module fixture.boom {
                requires dev.piecewise.core;
                provides dev.piecewise.spi.strategy.PieceStrategyProvider with fixture.boom.ThrowsInConstructor,
                        fixture.boom.ThrowsInId, fixture.boom.Steady, fixture.boom.Crashy;
            }
            """;

    private static final String THROWS_IN_CONSTRUCTOR = """
            package fixture.boom;

            import dev.piecewise.spi.strategy.*;

            public final class ThrowsInConstructor implements PieceStrategyProvider {
                public ThrowsInConstructor() { throw new IllegalStateException("constructor boom"); }
                public String id() { return "never"; }
                public String description() { return "never"; }
                public PieceStrategy create(StrategyContext context) { return null; }
            }
            """;

    private static final String THROWS_IN_ID = """
            package fixture.boom;

            import dev.piecewise.spi.strategy.*;

            public final class ThrowsInId implements PieceStrategyProvider {
                public String id() { throw new UnsupportedOperationException("id boom"); }
                public String description() { return "never"; }
                public PieceStrategy create(StrategyContext context) { return null; }
            }
            """;

    private static final String STEADY = """
            package fixture.boom;

            import dev.piecewise.spi.strategy.*;

            public final class Steady implements PieceStrategyProvider {
                public String id() { return "steady"; }
                public String description() { return "loads although its neighbours fail"; }
                public PieceStrategy create(StrategyContext context) { return (torrent, peer, sink) -> { }; }
            }
            """;

    private static final String CRASHY = """
            package fixture.boom;

            import dev.piecewise.spi.strategy.*;

            public final class Crashy implements PieceStrategyProvider {
                public String id() { return "crashy"; }
                public String description() { return "fails when a torrent needs it"; }
                public PieceStrategy create(StrategyContext context) {
                    throw new IllegalArgumentException("create boom");
                }
            }
            """;

    private static final String DUPID_MODULE = """
            module fixture.dupid {
                requires dev.piecewise.core;
                provides dev.piecewise.spi.strategy.PieceStrategyProvider with fixture.dupid.Rare;
                provides dev.piecewise.spi.tracker.TrackerTransportProvider with fixture.dupid.OtherHttps;
            }
            """;

    private static final String DUPLICATE_RARE = """
            package fixture.dupid;

            import dev.piecewise.spi.strategy.*;

            public final class Rare implements PieceStrategyProvider {
                public String id() { return "rarest-first"; }
                public String description() { return "a second rarest-first"; }
                public PieceStrategy create(StrategyContext context) { return (torrent, peer, sink) -> { }; }
            }
            """;

    private static final String OTHER_HTTPS = """
            package fixture.dupid;

            import dev.piecewise.spi.tracker.*;
            import java.util.Set;

            public final class OtherHttps implements TrackerTransportProvider {
                public String id() { return "other-https"; }
                public String description() { return "a second https"; }
                public Set<String> schemes() { return Set.of("https"); }
                public TrackerTransport create(TransportContext context) { return null; }
            }
            """;

    private static final String BADID_MODULE = """
            module fixture.badid {
                requires dev.piecewise.core;
                provides dev.piecewise.spi.strategy.PieceStrategyProvider with fixture.badid.BadId;
            }
            """;

    private static final String BAD_ID_STRATEGY = """
            package fixture.badid;

            import dev.piecewise.spi.strategy.*;

            public final class BadId implements PieceStrategyProvider {
                public String id() { return "Bad_Id"; }
                public String description() { return "an id users could not type"; }
                public PieceStrategy create(StrategyContext context) { return (torrent, peer, sink) -> { }; }
            }
            """;

    private static final String EMPTY_MODULE = """
            module fixture.empty {
                requires dev.piecewise.core;
            }
            """;

    private static final String EMPTY_CLASS = """
            package fixture.empty;

            public final class Nothing {
            }
            """;

    private static final String RANDOM_FIRST = """
            package plain.random;

            import dev.piecewise.spi.strategy.*;

            public final class RandomFirst implements PieceStrategyProvider {
                public String id() { return "random-first"; }
                public String description() { return "found through META-INF/services"; }
                public PieceStrategy create(StrategyContext context) {
                    return (torrent, peer, sink) -> sink.piece(context.random().nextInt(100));
                }
            }
            """;

    private static final String SNEAKY_CORE = """
            package dev.piecewise.spi;

            public final class Sneaky {
            }
            """;

    private static final String SNEAKY_JDK = """
            package javax.net.ssl;

            public final class Sneaky {
            }
            """;
}
