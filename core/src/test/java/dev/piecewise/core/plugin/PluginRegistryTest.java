package dev.piecewise.core.plugin;

import dev.piecewise.api.PiecewiseException;
import dev.piecewise.api.PluginInfo;
import dev.piecewise.api.PluginKind;
import dev.piecewise.api.PluginProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginRegistryTest {

    @TempDir
    Path temp;

    private PluginRegistry registry;

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    private PluginRegistry open(String... fixtureThenName) throws IOException {
        Path folder = temp.resolve("plugins");
        Fixtures.install(folder, fixtureThenName);
        registry = PluginRegistry.open(folder, temp.resolve("copies"), PluginRegistry.class.getModule().getLayer());
        return registry;
    }

    @Test
    void listsEveryProviderOfAModularJarWithItsVersionOriginAndDetail() throws IOException {
        open(Fixtures.GOOD, "good.jar");

        assertEquals(List.of(), registry.problems());
        assertEquals(List.of(
                "STRATEGY end-game 1.0.0 good.jar modifier",
                "STRATEGY rarest-first 1.0.0 good.jar ",
                "CHOKING tit-for-tat 1.0.0 good.jar ",
                "TRACKER fixture-http 1.0.0 good.jar http, https"), summaries(registry.list()));
        PluginInfo rarest = registry.list(PluginKind.STRATEGY).get(1);
        assertEquals("stands in for rarest-first", rarest.description());
        assertEquals(List.of("window", "spread"), rarest.options().stream().map(o -> o.key()).toList());
    }

    @Test
    void resolvesASpecPartByPartByIdOrUniquePrefixAndNamesTheChoicesOtherwise() throws IOException {
        open(Fixtures.GOOD, "good.jar");

        assertEquals(List.of("rarest-first", "end-game"), ids(registry.resolve(PluginKind.STRATEGY, "rarest+end")));
        assertEquals(List.of("tit-for-tat"), ids(registry.resolve(PluginKind.CHOKING, "tit")));
        assertEquals("no strategy 'in'; available: end-game, rarest-first",
                assertThrows(PiecewiseException.class, () -> registry.resolve(PluginKind.STRATEGY, "rarest+in"))
                        .getMessage());
    }

    @Test
    void loadsAPlainJarThroughItsServiceFilesAsAnAutomaticModule() throws IOException {
        open(Fixtures.PLAIN, "plain.jar");

        assertEquals(List.of(), registry.problems());
        assertEquals(List.of("STRATEGY random-first unversioned plain.jar "), summaries(registry.list()));
        LoadedProvider provider = registry.catalog().find(PluginKind.STRATEGY, "random-first");
        assertTrue(provider.provider().getClass().getModule().getDescriptor().isAutomatic());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            GARBAGE    | not a usable plugin jar: zip END header not found
            NEEDY      | module fixture.needy requires module fixture.absent, which is not there
            SPLIT_CORE | contains package dev.piecewise.spi, which is already in module dev.piecewise.core
            SPLIT_JDK  | contains package javax.net.ssl, which is already in module java.base
            BAD_ID     | strategy provider fixture.badid.BadId has an invalid id 'Bad_Id'
            EMPTY      | provides no strategy, choking policy or tracker transport
            """)
    void aBrokenJarIsOneLineNamingItAndTheOthersStillLoad(String fixture, String cause) throws Exception {
        String broken = (String) Fixtures.class.getDeclaredField(fixture).get(null);
        open(Fixtures.GOOD, "a.jar", broken, "broken.jar", Fixtures.PLAIN, "z.jar");

        assertEquals(1, registry.problems().size(), registry.problems()::toString);
        PluginProblem problem = registry.problems().getFirst();
        assertEquals("broken.jar", problem.origin());
        assertTrue(problem.message().contains(cause), problem::toString);
        assertOneLineWithoutPrivatePaths(problem);
        assertEquals(List.of("end-game a.jar", "random-first z.jar", "rarest-first a.jar", "tit-for-tat a.jar",
                        "fixture-http a.jar"),
                registry.list().stream().map(info -> info.id() + " " + info.origin()).toList());
    }

    @Test
    void aThrowingProviderIsReportedAndItsNeighboursInTheSameJarStillLoad() throws IOException {
        open(Fixtures.BOOM, "boom.jar");

        assertEquals(List.of(
                "boom.jar: strategy provider fixture.boom.ThrowsInConstructor could not be created:"
                        + " IllegalStateException: constructor boom",
                "boom.jar: strategy provider fixture.boom.ThrowsInId failed in id():"
                        + " UnsupportedOperationException: id boom"),
                registry.problems().stream().map(PluginProblem::toString).toList());
        assertEquals(List.of("crashy", "steady"), ids(registry.list(PluginKind.STRATEGY)));
    }

    @Test
    void theSameModuleInASecondJarIsRejectedNamingBothJars() throws IOException {
        open(Fixtures.GOOD, "a-good.jar", Fixtures.GOOD_V2, "b-twin.jar");

        assertEquals(List.of(new PluginProblem("b-twin.jar",
                        "module fixture.good is also in a-good.jar, which wins; this jar is ignored")),
                registry.problems());
        assertTrue(registry.list().stream().allMatch(info -> info.origin().equals("a-good.jar")));
    }

    @Test
    void aDuplicateIdOrSchemeLosesToTheJarFirstInFileNameOrder() throws IOException {
        open(Fixtures.GOOD, "a-good.jar", Fixtures.DUPLICATE_IDS, "b-dupid.jar");

        assertEquals(List.of(
                "b-dupid.jar: strategy 'rarest-first' is also provided by a-good.jar, which wins; this one is ignored",
                "b-dupid.jar: tracker transport 'other-https' serves URL scheme 'https', which tracker transport"
                        + " 'fixture-http' (a-good.jar) already serves; this one is ignored"),
                registry.problems().stream().map(PluginProblem::toString).toList());
        assertEquals("a-good.jar", registry.catalog().find(PluginKind.STRATEGY, "rarest-first").origin());
        assertEquals(List.of("fixture-http"), ids(registry.list(PluginKind.TRACKER)));
    }

    @Test
    void theOtherFileNameOrderMakesTheOtherJarWin() throws IOException {
        open(Fixtures.DUPLICATE_IDS, "a-dupid.jar", Fixtures.GOOD, "b-good.jar");

        assertEquals("a-dupid.jar", registry.catalog().find(PluginKind.STRATEGY, "rarest-first").origin());
        assertEquals(List.of("b-good.jar", "b-good.jar"),
                registry.problems().stream().map(PluginProblem::origin).toList());
        // fixture-http serves http and https; https is taken, so the whole provider is left out
        assertEquals(List.of("other-https"), ids(registry.list(PluginKind.TRACKER)));
    }

    @Test
    void findsProvidersByIdOrUniquePrefixAndTransportsByScheme() throws IOException {
        open(Fixtures.GOOD, "good.jar", Fixtures.PLAIN, "plain.jar");
        PluginCatalog catalog = registry.catalog();

        assertEquals("rarest-first", catalog.find(PluginKind.STRATEGY, "rarest").id());
        assertEquals("tit-for-tat", catalog.find(PluginKind.CHOKING, "t").id());
        assertEquals("'r' is ambiguous: random-first, rarest-first",
                assertThrows(PiecewiseException.class, () -> catalog.find(PluginKind.STRATEGY, "r")).getMessage());
        assertEquals("no strategy 'foo'; available: end-game, random-first, rarest-first",
                assertThrows(PiecewiseException.class, () -> catalog.find(PluginKind.STRATEGY, "foo")).getMessage());
        assertEquals("fixture-http", catalog.transportFor("HTTPS").orElseThrow().id());
        assertTrue(catalog.transportFor("udp").isEmpty());
    }

    @Test
    void aMissingFolderIsOneProblemAndNoPlugins() throws IOException {
        registry = PluginRegistry.open(temp.resolve("nowhere"), temp.resolve("copies"),
                PluginRegistry.class.getModule().getLayer());

        assertEquals(List.of(), registry.list());
        assertEquals(1, registry.problems().size());
        assertTrue(registry.problems().getFirst().message().contains("does not exist"));
    }

    @Test
    void readsOnlyFilesNamedDotJar() throws IOException {
        open(Fixtures.GARBAGE, "notes.txt", Fixtures.GARBAGE, "old.jar.bak", Fixtures.GOOD, "good.jar");

        assertEquals(List.of(), registry.problems());
        assertEquals(4, registry.list().size());
    }

    private void assertOneLineWithoutPrivatePaths(PluginProblem problem) {
        assertFalse(problem.message().contains("\n"), problem::toString);
        assertFalse(problem.message().contains(temp.toString()), problem::toString);
        assertFalse(problem.message().contains("\tat "), problem::toString);
    }

    private static List<String> summaries(List<PluginInfo> infos) {
        return infos.stream().map(info -> info.kind() + " " + info.id() + " " + info.version() + " "
                + info.origin() + " " + info.detail()).toList();
    }

    private static List<String> ids(List<PluginInfo> infos) {
        return infos.stream().map(PluginInfo::id).toList();
    }
}
