package dev.piecewise.core;

import dev.piecewise.api.Client;
import dev.piecewise.api.ClientConfig;
import dev.piecewise.api.Piecewise;
import dev.piecewise.api.PluginInfo;
import dev.piecewise.api.PluginKind;
import dev.piecewise.api.Selection;
import dev.piecewise.core.plugin.PluginRegistry;
import dev.piecewise.core.plugin.StrategySelection;
import dev.piecewise.core.plugin.TestJars;
import dev.piecewise.spi.strategy.PeerView;
import dev.piecewise.spi.strategy.PickSink;
import dev.piecewise.spi.strategy.PieceStrategy;
import dev.piecewise.spi.strategy.PieceView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What modules-info-docs/plugins.md promises a plugin author: the example strategy, compiled and packed as a modular
 * jar, dropped into the plugins folder of a running client, is listed after a reload and can be selected.
 */
class PluginDropInTest {

    /** The example's sources, from the module's base directory (where Maven runs the tests). */
    private static final Path EXAMPLE = Path.of("..", "modules-info-docs", "example-strategy", "src", "main", "java");

    @TempDir
    Path temp;

    @Test
    void theExampleStrategyDroppedIntoTheFolderIsListedAfterAReloadAndSelectable() throws IOException {
        assertTrue(Files.isDirectory(EXAMPLE), "the example plugin's sources are missing: " + EXAMPLE.toAbsolutePath());
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path jar = TestJars.jar(TestJars.compileModule(EXAMPLE, temp.resolve("classes"), "1.0.0"),
                temp.resolve("reverse-order-strategy.jar"), null);

        try (Client client = Piecewise.start(new ClientConfig(temp.resolve("data"), plugins,
                InetAddress.getLoopbackAddress(), 0))) {
            assertEquals(List.of(), client.plugins().list());

            Files.copy(jar, plugins.resolve(jar.getFileName()));
            assertEquals(List.of(), client.plugins().reload());

            PluginInfo info = client.plugins().list(PluginKind.STRATEGY).getFirst();
            assertEquals(List.of("reverse-order", "1.0.0", "reverse-order-strategy.jar"),
                    List.of(info.id(), info.version(), info.origin()));
            assertEquals(new Selection("reverse-order", "finish-partial=true"),
                    client.setDefaultStrategy("reverse", Map.of()));
            assertEquals("reverse-order", client.defaultStrategy().spec());
        }
    }

    @Test
    void theExampleStrategyPicksStartedPiecesThenTheHighestMissingOnes() throws IOException {
        Path plugins = temp.resolve("plugins");
        TestJars.jar(TestJars.compileModule(EXAMPLE, temp.resolve("classes"), "1.0.0"),
                plugins.resolve("example.jar"), null);

        try (PluginRegistry registry = PluginRegistry.open(plugins, temp.resolve("copies"),
                Session.class.getModule().getLayer())) {
            assertEquals(List.of(1, 3, 2, 1, 0), picks(create(registry, Map.of()), Integer.MAX_VALUE));
            assertEquals(List.of(3, 2, 1, 0), picks(create(registry, Map.of("finish-partial", "false")),
                    Integer.MAX_VALUE));
            assertEquals(List.of(1, 3), picks(create(registry, Map.of()), 2));
        }
    }

    private static PieceStrategy create(PluginRegistry registry, Map<String, String> options) {
        return StrategySelection.resolve(registry.catalog(), "reverse", options).create(new Random(1));
    }

    /** Five pieces: piece 4 is verified, piece 1 is started; the peer has them all; the pipeline takes {@code room}. */
    private static List<Integer> picks(PieceStrategy strategy, int room) {
        PieceView torrent = view(PieceView.class, (name, args) -> switch (name) {
            case "pieceCount" -> 5;
            case "have" -> (int) args[0] == 4;
            case "partialCount" -> 1;
            case "partial" -> 1;
            default -> throw new UnsupportedOperationException(name);
        });
        PeerView peer = view(PeerView.class, (name, args) -> switch (name) {
            case "has" -> true;
            default -> throw new UnsupportedOperationException(name);
        });
        List<Integer> offered = new ArrayList<>();
        strategy.pick(torrent, peer, new PickSink() {
            @Override
            public boolean piece(int piece) {
                offered.add(piece);
                return offered.size() < room;
            }

            @Override
            public boolean block(int piece, int block) {
                throw new UnsupportedOperationException("the example never asks for single blocks");
            }
        });
        return offered;
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T view(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }
}
