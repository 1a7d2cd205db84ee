package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.Selection;
import dev.piecewise.spi.choking.ChokingPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.piecewise.core.plugin.PluginReloadTest.pick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectionTest {

    @TempDir
    static Path temp;

    private static PluginRegistry registry;
    private static PluginCatalog catalog;

    @BeforeAll
    static void load() throws IOException {
        Fixtures.install(temp.resolve("plugins"), Fixtures.GOOD, "good.jar", Fixtures.PLAIN, "plain.jar",
                Fixtures.BOOM, "boom.jar");
        registry = PluginRegistry.open(temp.resolve("plugins"), temp.resolve("copies"),
                PluginRegistry.class.getModule().getLayer());
        catalog = registry.catalog();
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @Test
    void aSpecOfPrefixesResolvesToFullIdsAndCreatesTheBaseWrappedByItsModifier() {
        StrategySelection selection = StrategySelection.resolve(catalog, " rarest+end ", Map.of());

        assertEquals("rarest-first+end-game", selection.spec());
        assertEquals(List.of("piece 4", "block 2/0"), pick(selection.create(new Random(1))));
    }

    @Test
    void optionsGoToTheComponentThatDeclaresThem() {
        StrategySelection selection = StrategySelection.resolve(catalog, "rarest-first+end-game",
                Map.of("window", "8", "max-duplicates", "3"));

        assertEquals(List.of("piece 8", "block 3/0"), pick(selection.create(new Random(1))));
        assertEquals(new Selection("rarest-first+end-game",
                        "window=8 rarest-first.spread=1 max-duplicates=3 end-game.spread=1"),
                selection.selection());
    }

    @Test
    void aKeyDeclaredByTwoComponentsMustBeQualified() {
        PiecewiseException ambiguous = assertThrows(PiecewiseException.class,
                () -> StrategySelection.resolve(catalog, "rarest+end", Map.of("spread", "2")));
        assertEquals("option 'spread' is declared by rarest-first and end-game: write rarest-first.spread=..."
                + " or end-game.spread=...", ambiguous.getMessage());

        StrategySelection qualified = StrategySelection.resolve(catalog, "rarest+end",
                Map.of("rarest-first.spread", "2", "end.spread", "3"));
        assertEquals("window=4 rarest-first.spread=2 max-duplicates=2 end-game.spread=3",
                qualified.selection().options());
    }

    @Test
    void eachInstanceIsFreshAndGetsTheRandomItIsGiven() {
        StrategySelection selection = StrategySelection.resolve(catalog, "random-first", Map.of());

        assertEquals(pick(selection.create(new Random(7))), pick(selection.create(new Random(7))));
        assertTrue(selection.create(new Random(7)) != selection.create(new Random(7)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            end-game               |   | 'end-game' is a modifier: a strategy spec starts with a base strategy (crashy, random-first, rarest-first, steady)
            rarest+random          |   | 'random-first' is not a modifier: only modifiers can follow '+' (end-game)
            rarest+end+end         |   | 'end-game' appears twice in strategy spec 'rarest+end+end'
            rarest+                |   | strategy spec 'rarest+' has an empty part; write a base strategy and optional modifiers joined with '+', like rarest-first+end-game
            ""                     |   | strategy spec '' has an empty part; write a base strategy and optional modifiers joined with '+', like rarest-first+end-game
            foo                    |   | no strategy 'foo'; available: crashy, end-game, random-first, rarest-first, steady
            r                      |   | 'r' is ambiguous: random-first, rarest-first
            rarest                 | window=abc | rarest-first: option window: 'abc' is not a whole number
            rarest                 | window=99  | rarest-first: option window: '99' is not a value from 1 to 64
            rarest                 | speed=3    | unknown option 'speed' for rarest-first; known: spread, window
            random-first           | speed=3    | unknown option 'speed' for random-first, which takes no options
            rarest                 | end-game.max-duplicates=3 | option prefix 'end-game' does not name a part of rarest-first: no component 'end-game'; available: rarest-first
            """)
    void explainsWhatIsWrongWithASpec(String spec, String option, String message) {
        Map<String, String> options = option == null ? Map.of()
                : Map.of(option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
        assertEquals(message, assertThrows(PiecewiseException.class,
                () -> StrategySelection.resolve(catalog, spec, options)).getMessage());
    }

    @Test
    void aProviderThatFailsToCreateIsNamedWithItsJar() {
        StrategySelection crashy = StrategySelection.resolve(catalog, "crashy", Map.of());

        assertEquals("strategy 'crashy' (boom.jar) failed to create an instance: IllegalArgumentException: create boom",
                assertThrows(PiecewiseException.class, () -> crashy.create(new Random(1))).getMessage());
    }

    @Test
    void aChokingPolicyIsOneIdOrPrefixWithItsOptions() {
        ChokingSelection selection = ChokingSelection.resolve(catalog, "tit", Map.of("slots", "6"));

        ChokingPolicy policy = selection.create(new Random(1));
        assertEquals(Duration.ofSeconds(6), policy.interval());
        assertEquals(new Selection("tit-for-tat", "slots=6"), selection.selection());
        assertEquals("a choking policy is one id, without '+': tit+tat", assertThrows(PiecewiseException.class,
                () -> ChokingSelection.resolve(catalog, "tit+tat", Map.of())).getMessage());
        assertEquals("no choking policy 'fastest'; available: tit-for-tat", assertThrows(PiecewiseException.class,
                () -> ChokingSelection.resolve(catalog, "fastest", Map.of())).getMessage());
    }

    @Test
    void aSelectionResolvesAgainstANewCatalogWithTheSameOptions() {
        StrategySelection selection = StrategySelection.resolve(catalog, "rarest+end", Map.of("end.spread", "5"));

        StrategySelection again = selection.resolveIn(registry.catalog());

        assertEquals(selection.selection(), again.selection());
    }
}
