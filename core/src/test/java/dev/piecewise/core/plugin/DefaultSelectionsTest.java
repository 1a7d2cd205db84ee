package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DefaultSelectionsTest {

    @TempDir
    Path temp;

    private PluginRegistry registry;

    @AfterEach
    void close() {
        registry.close();
    }

    private DefaultSelections open(String... fixtureThenName) throws IOException {
        Fixtures.install(folder(), fixtureThenName);
        registry = PluginRegistry.open(folder(), temp.resolve("copies"), PluginRegistry.class.getModule().getLayer());
        return new DefaultSelections(registry, picks());
    }

    private Path picks() {
        return temp.resolve("defaults.properties");
    }

    private Path folder() {
        return temp.resolve("plugins");
    }

    @Test
    void aUsersPicksAreRestoredAtTheNextStartAndOneThatNoLongerResolvesIsDropped() throws IOException {
        DefaultSelections first = open(Fixtures.GOOD, "good.jar", Fixtures.PLAIN, "plain.jar");
        first.setStrategy("random", Map.of());
        first.setChoking("tit", Map.of());
        registry.close();

        registry = PluginRegistry.open(folder(), temp.resolve("copies"), PluginRegistry.class.getModule().getLayer());
        DefaultSelections second = new DefaultSelections(registry, picks());
        assertEquals("random-first", second.strategy().spec());
        assertEquals("tit-for-tat", second.choking().spec());
        registry.close();

        Files.delete(folder().resolve("plain.jar"));
        registry = PluginRegistry.open(folder(), temp.resolve("copies"), PluginRegistry.class.getModule().getLayer());
        DefaultSelections third = new DefaultSelections(registry, picks());
        assertEquals("rarest-first+end-game", third.strategy().spec(), "random-first's jar is gone");
        assertEquals("tit-for-tat", third.choking().spec());
    }

    @Test
    void theBuiltInDefaultsAreRarestFirstWithEndGameAndTitForTat() throws IOException {
        DefaultSelections defaults = open(Fixtures.PLAIN, "a-plain.jar", Fixtures.GOOD, "b-good.jar");

        assertEquals("rarest-first+end-game", defaults.strategy().spec());
        assertEquals("tit-for-tat", defaults.choking().spec());
    }

    @Test
    void withoutThemTheFirstBaseStrategyIsTheDefaultAndAMissingKindIsAClearError() throws IOException {
        DefaultSelections defaults = open(Fixtures.PLAIN, "plain.jar", Fixtures.BOOM, "boom.jar");

        assertEquals("crashy", defaults.strategy().spec());
        assertEquals("no choking policy is installed: put a jar that provides one in " + folder(),
                assertThrows(PiecewiseException.class, defaults::choking).getMessage());
    }

    @Test
    void aTorrentGetsItsOwnSpecOrTheDefaultWithItsOptions() throws IOException {
        DefaultSelections defaults = open(Fixtures.GOOD, "good.jar", Fixtures.PLAIN, "plain.jar");

        assertEquals("random-first", defaults.strategyFor(Optional.of("random"), Map.of()).spec());
        assertEquals("window=9 rarest-first.spread=1 max-duplicates=2 end-game.spread=1",
                defaults.strategyFor(Optional.empty(), Map.of("window", "9")).selection().options());
        assertEquals("slots=2", defaults.chokingFor(Optional.empty(), Map.of("slots", "2")).selection().options());
        assertEquals("slots=4", defaults.chokingFor(Optional.of("tit"), Map.of()).selection().options());
    }

    @Test
    void optionsWithoutASpecAddToTheDefaultsOwnOptions() throws IOException {
        DefaultSelections defaults = open(Fixtures.GOOD, "good.jar");
        defaults.setStrategy("rarest+end", Map.of("window", "8", "end.spread", "3"));

        assertEquals("window=8 rarest-first.spread=1 max-duplicates=5 end-game.spread=3",
                defaults.strategyFor(Optional.empty(), Map.of("max-duplicates", "5")).selection().options());
        assertEquals("window=2 rarest-first.spread=1 max-duplicates=2 end-game.spread=3",
                defaults.strategyFor(Optional.empty(), Map.of("rarest-first.window", "2")).selection().options());
        assertEquals("window=4 spread=1", defaults.strategyFor(Optional.of("rarest-first"), Map.of())
                .selection().options(), "an explicit spec starts from its own defaults");
        assertEquals("window=8 rarest-first.spread=1 max-duplicates=2 end-game.spread=3",
                defaults.strategy().selection().options(), "the default itself is unchanged");
    }

    @Test
    void aPickedDefaultSurvivesAReloadAndFallsBackWhenItsPluginIsGone() throws IOException {
        DefaultSelections defaults = open(Fixtures.GOOD, "good.jar", Fixtures.PLAIN, "plain.jar");
        defaults.setStrategy("random", Map.of());
        defaults.setChoking("tit", Map.of("slots", "7"));

        Fixtures.install(folder(), Fixtures.GOOD_V2, "good.jar");
        registry.reload();
        assertEquals("random-first", defaults.strategy().spec());
        assertEquals("2.0.0", registry.catalog().find(dev.piecewise.api.PluginKind.CHOKING, "tit").version());
        assertEquals("slots=7", defaults.choking().selection().options(), "re-resolved with the same options");

        Files.delete(folder().resolve("plain.jar"));
        registry.reload();
        assertEquals("rarest-first+end-game", defaults.strategy().spec());
    }

    @Test
    void aBuiltInDefaultFollowsThePluginsThatAppear() throws IOException {
        DefaultSelections defaults = open(Fixtures.PLAIN, "plain.jar");
        assertEquals("random-first", defaults.strategy().spec());

        Fixtures.install(folder(), Fixtures.GOOD, "good.jar");
        registry.reload();

        assertEquals("rarest-first+end-game", defaults.strategy().spec());
        assertEquals("tit-for-tat", defaults.choking().spec());
    }

    @Test
    void anInvalidChoiceLeavesTheDefaultAsItWas() throws IOException {
        DefaultSelections defaults = open(Fixtures.GOOD, "good.jar");

        assertThrows(PiecewiseException.class, () -> defaults.setStrategy("end-game", Map.of()));
        assertThrows(PiecewiseException.class, () -> defaults.setChoking("tit", Map.of("slots", "0")));

        assertEquals("rarest-first+end-game", defaults.strategy().spec());
        assertEquals("slots=4", defaults.choking().selection().options());
    }
}
