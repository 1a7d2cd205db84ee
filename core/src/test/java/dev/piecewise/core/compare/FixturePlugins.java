package dev.piecewise.core.compare;

import dev.piecewise.core.plugin.TestJars;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plugin jar built for the tests (the core's tests cannot use the real plugins): strategies {@code lowest-first}
 * and {@code rarest}, choking policy {@code unchoke-interested}.
 */
public final class FixturePlugins {

    private static final String MODULE = """
            module fixture.sim {
                requires dev.piecewise.core;
                provides dev.piecewise.spi.strategy.PieceStrategyProvider
                        with fixture.sim.LowestFirst, fixture.sim.Rarest;
                provides dev.piecewise.spi.choking.ChokingPolicyProvider with fixture.sim.UnchokeInterested;
            }
            """;
    private static final String LOWEST = """
            package fixture.sim;

            import dev.piecewise.spi.strategy.*;

            public final class LowestFirst implements PieceStrategyProvider {
                public String id() { return "lowest-first"; }
                public String description() { return "the lowest missing pieces first"; }
                public PieceStrategy create(StrategyContext context) {
                    return (torrent, peer, sink) -> {
                        for (int p = torrent.nextMissing(0); p >= 0; p = torrent.nextMissing(p + 1)) {
                            if (peer.has(p) && !sink.piece(p)) {
                                return;
                            }
                        }
                    };
                }
            }
            """;
    private static final String RAREST = """
            package fixture.sim;

            import dev.piecewise.spi.strategy.*;

            public final class Rarest implements PieceStrategyProvider {
                public String id() { return "rarest"; }
                public String description() { return "started pieces, then the rarest"; }
                public PieceStrategy create(StrategyContext context) {
                    return (torrent, peer, sink) -> {
                        for (int i = 0; i < torrent.openCount(); i++) {
                            if (peer.has(torrent.open(i)) && !sink.piece(torrent.open(i))) {
                                return;
                            }
                        }
                        torrent.availability().visitRarest(p -> !peer.has(p) || sink.piece(p));
                    };
                }
            }
            """;
    private static final String UNCHOKE = """
            package fixture.sim;

            import dev.piecewise.spi.choking.*;
            import java.time.Duration;
            import java.util.Set;

            public final class UnchokeInterested implements ChokingPolicyProvider {
                public String id() { return "unchoke-interested"; }
                public String description() { return "every interested peer up to the limit"; }
                public ChokingPolicy create(ChokingContext context) {
                    return new ChokingPolicy() {
                        public Duration interval() { return Duration.ofSeconds(10); }
                        public Set<ChokingEvent> triggers() { return Set.of(ChokingEvent.PEER_INTERESTED); }
                        public ChokingDecision rechoke(ChokingView view, boolean scheduled) {
                            var decision = new ChokingDecision();
                            for (PeerStats peer : view.peers()) {
                                if (peer.interested() && decision.unchoked().size() < view.maxUnchoked()) {
                                    decision.unchoke(peer.id());
                                }
                            }
                            return decision;
                        }
                    };
                }
            }
            """;

    private FixturePlugins() {
    }

    /** Compiles the plugin into {@code work} and returns the folder holding its jar. */
    public static Path build(Path work) throws IOException {
        Path sources = work.resolve("sources");
        write(sources.resolve("module-info.java"), MODULE);
        write(sources.resolve("fixture/sim/LowestFirst.java"), LOWEST);
        write(sources.resolve("fixture/sim/Rarest.java"), RAREST);
        write(sources.resolve("fixture/sim/UnchokeInterested.java"), UNCHOKE);
        Path plugins = work.resolve("plugins");
        TestJars.jar(TestJars.compileModule(sources, work.resolve("classes"), "1.0.0"),
                plugins.resolve("fixture-sim.jar"), null);
        return plugins;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
