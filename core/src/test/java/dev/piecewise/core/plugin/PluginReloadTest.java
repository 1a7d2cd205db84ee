package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.PluginInfo;
import dev.piecewise.api.PluginKind;
import dev.piecewise.spi.strategy.PickSink;
import dev.piecewise.spi.strategy.PieceStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginReloadTest {

    @TempDir
    Path temp;

    private Path folder;
    private Path copies;
    private PluginRegistry registry;

    @BeforeEach
    void open() throws IOException {
        folder = temp.resolve("plugins");
        copies = temp.resolve("copies");
        Fixtures.install(folder, Fixtures.GOOD, "good.jar");
        registry = PluginRegistry.open(folder, copies, PluginRegistry.class.getModule().getLayer());
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void picksUpANewJarAndDropsARemovedOne() throws IOException {
        Fixtures.install(folder, Fixtures.PLAIN, "plain.jar");
        registry.reload();
        assertEquals(List.of("end-game", "random-first", "rarest-first"), ids(registry.list(PluginKind.STRATEGY)));

        Files.delete(folder.resolve("good.jar"));
        registry.reload();
        assertEquals(List.of("random-first"), ids(registry.list()));
    }

    @Test
    void anUnchangedJarKeepsItsLayerAndProviders() {
        LoadedProvider before = registry.catalog().find(PluginKind.STRATEGY, "rarest-first");

        registry.reload();

        assertSame(before.provider(), registry.catalog().find(PluginKind.STRATEGY, "rarest-first").provider());
        assertEquals(1, copiesOnDisk().size());
    }

    @Test
    void aJarReplacedOnDiskGetsANewLayerWhileInstancesOfTheOldOneKeepWorking() throws IOException {
        PluginCatalog oldCatalog = registry.catalog();
        LoadedProvider old = oldCatalog.find(PluginKind.STRATEGY, "rarest-first");
        // overwrite in place (what cp does): the loaded layer must not read the user's file
        Files.write(folder.resolve("good.jar"), new byte[]{1, 2, 3});
        PieceStrategy fromOldLayer = createStrategy(oldCatalog);
        assertEquals(List.of("piece 4"), pick(fromOldLayer));

        Files.copy(Fixtures.jar(Fixtures.GOOD_V2), folder.resolve("good.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        registry.reload();

        LoadedProvider fresh = registry.catalog().find(PluginKind.STRATEGY, "rarest-first");
        assertEquals("2.0.0", fresh.version());
        assertNotSame(old.provider().getClass(), fresh.provider().getClass());
        assertEquals(List.of("piece 4"), pick(fromOldLayer));
        assertEquals(List.of("piece 4"), pick(createStrategy(oldCatalog)));
        assertEquals(1, copiesOnDisk().size(), "the old copy is deleted; its open file stays readable");
    }

    @Test
    void aDroppedLayerIsGarbageCollectedOnceNothingUsesIt() throws Exception {
        WeakReference<ClassLoader> oldLoader = new WeakReference<>(
                registry.catalog().find(PluginKind.STRATEGY, "rarest-first").provider().getClass().getClassLoader());

        Files.delete(folder.resolve("good.jar"));
        registry.reload();

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (oldLoader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(null, oldLoader.get(), "the dropped layer's class loader is still reachable");
    }

    @Test
    void closingDeletesTheCopiesAndANewClientSweepsWhatACrashedOneLeft() throws IOException {
        Path crashedLock = Files.createFile(copies.resolve("client-crashed.lock"));
        Path crashed = Files.createDirectories(copies.resolve("client-crashed/1"));
        Files.write(crashed.resolve("old.jar"), new byte[]{1});
        Path orphan = Files.createDirectories(copies.resolve("client-orphan"));

        PluginRegistry second = PluginRegistry.open(folder, copies, PluginRegistry.class.getModule().getLayer());
        assertTrue(Files.notExists(crashedLock) && Files.notExists(crashed) && Files.notExists(orphan));
        assertEquals(2, copiesOnDisk().size(), "both running clients keep their copies");

        second.close();
        registry.close();
        assertEquals(List.of(), copiesOnDisk());
        try (Stream<Path> left = Files.list(copies)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aClosedRegistryRefusesToReloadAndItsPluginsKeepWorking() {
        PluginCatalog loaded = registry.catalog();
        registry.close();

        assertEquals("the client is closed: its plugins cannot be reloaded",
                assertThrows(PiecewiseException.class, registry::reload).getMessage());
        assertEquals(List.of("piece 4"), pick(createStrategy(loaded)));
    }

    @Test
    void reloadTellsListenersTheNewCatalog() {
        List<PluginCatalog> seen = new ArrayList<>();
        registry.onReload(seen::add);

        registry.reload();

        assertEquals(List.of(registry.catalog()), seen);
    }

    private List<Path> copiesOnDisk() {
        try (Stream<Path> files = Files.walk(copies)) {
            return files.filter(file -> file.toString().endsWith(".jar")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PieceStrategy createStrategy(PluginCatalog catalog) {
        return StrategySelection.resolve(catalog, "rarest-first", Map.of()).create(new Random(1));
    }

    static List<String> pick(PieceStrategy strategy) {
        List<String> offers = new ArrayList<>();
        strategy.pick(null, null, new PickSink() {
            @Override
            public boolean piece(int piece) {
                return offers.add("piece " + piece);
            }

            @Override
            public boolean block(int piece, int block) {
                return offers.add("block " + piece + "/" + block);
            }
        });
        return offers;
    }

    private static List<String> ids(List<PluginInfo> infos) {
        return infos.stream().map(PluginInfo::id).toList();
    }
}
