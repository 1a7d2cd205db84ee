package dev.piecewise.core.engine;

import dev.piecewise.core.plugin.TestJars;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A plugin jar whose strategy and choking policy really download, for tests of whole clients in one JVM (the built-in
 * plugins are modules of their own, which core tests cannot load): strategy {@value #STRATEGY} (started pieces, then
 * the rarest) and choking policy {@value #CHOKING}. Compiled once per test JVM into {@code target/working-plugin}.
 */
final class WorkingPlugins {

    static final String STRATEGY = "test-rarest";
    static final String CHOKING = "test-unchoke-all";

    private static final Path DIRECTORY = Path.of("target", "working-plugin").toAbsolutePath();
    private static final Map<String, String> SOURCES = Map.of(
            "module-info.java", """
                    module fixture.working {
                        requires dev.piecewise.core;
                        provides dev.piecewise.spi.strategy.PieceStrategyProvider with fixture.working.Rarest;
                        provides dev.piecewise.spi.choking.ChokingPolicyProvider with fixture.working.UnchokeAll;
                    }
                    """,
            "fixture/working/Rarest.java", """
                    package fixture.working;

                    import dev.piecewise.spi.OptionSpec;
                    import dev.piecewise.spi.strategy.*;
                    import java.util.List;

                    public final class Rarest implements PieceStrategyProvider {
                        public String id() { return "%s"; }
                        public String description() { return "started pieces, then the rarest"; }
                        public List<OptionSpec> options() { return List.of(); }
                        public PieceStrategy create(StrategyContext context) {
                            return (torrent, peer, sink) -> {
                                for (int i = 0; i < torrent.openCount(); i++) {
                                    int piece = torrent.open(i);
                                    if (peer.has(piece) && !sink.piece(piece)) {
                                        return;
                                    }
                                }
                                torrent.availability().visitRarest(piece -> !peer.has(piece) || sink.piece(piece));
                            };
                        }
                    }
                    """.formatted(STRATEGY),
            "fixture/working/UnchokeAll.java", """
                    package fixture.working;

                    import dev.piecewise.spi.OptionSpec;
                    import dev.piecewise.spi.choking.*;
                    import java.time.Duration;
                    import java.util.EnumSet;
                    import java.util.List;
                    import java.util.Set;

                    public final class UnchokeAll implements ChokingPolicyProvider {
                        public String id() { return "%s"; }
                        public String description() { return "unchokes every interested peer"; }
                        public List<OptionSpec> options() { return List.of(); }
                        public ChokingPolicy create(ChokingContext context) {
                            return new ChokingPolicy() {
                                public Duration interval() { return Duration.ofSeconds(1); }
                                public Set<ChokingEvent> triggers() {
                                    return EnumSet.of(ChokingEvent.PEER_INTERESTED, ChokingEvent.PEER_CONNECTED);
                                }
                                public ChokingDecision rechoke(ChokingView view, boolean scheduled) {
                                    var decision = new ChokingDecision();
                                    for (PeerStats peer : view.peers()) {
                                        if (peer.interested()) {
                                            decision.unchoke(peer.id());
                                        }
                                    }
                                    return decision;
                                }
                            };
                        }
                    }
                    """.formatted(CHOKING));

    private static Path jar;

    private WorkingPlugins() {
    }

    /** Copies the jar into {@code folder}, which becomes a client's plugins folder. */
    static Path install(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.copy(jar(), folder.resolve("working.jar"), StandardCopyOption.REPLACE_EXISTING);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path jar() throws IOException {
        if (jar == null) {
            Path sources = DIRECTORY.resolve("sources");
            for (var source : SOURCES.entrySet()) {
                Path file = sources.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
            }
            Path classes = TestJars.compileModule(sources, DIRECTORY.resolve("classes"), "1.0");
            jar = TestJars.jar(classes, DIRECTORY.resolve("working.jar"), "1.0");
        }
        return jar;
    }
}
