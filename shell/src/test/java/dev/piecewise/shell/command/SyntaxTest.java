package dev.piecewise.shell.command;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntaxTest {

    private static final Syntax ADD = Syntax.of(List.of(Parameter.required("file.torrent", ValueKind.FILE)), List.of(
            Option.valued("dir", "DIR", ValueKind.DIRECTORY, "where"),
            Option.flag("quiet", "say less")));

    private static final Syntax STRATEGY = Syntax.of(List.of(Parameter.optional("spec", ValueKind.STRATEGY)),
            List.of(Option.valued("torrent", "ID", ValueKind.TORRENT, "which"))).withKeyValuesOf("spec");

    @Test
    void readsPositionalsOptionsAndFlagsInAnyOrder() {
        Arguments args = ADD.parse(List.of("--dir", "/tmp/x", "a.torrent", "--quiet"));
        assertEquals("a.torrent", args.required("file.torrent"));
        assertEquals(Optional.of("/tmp/x"), args.option("dir"));
        assertTrue(args.has("quiet"));
    }

    @Test
    void anOptionValueMayFollowAnEqualsSign() {
        assertEquals(Optional.of("a=b"), ADD.parse(List.of("x", "--dir=a=b")).option("dir"));
    }

    @Test
    void aDoubleDashEndsTheOptions() {
        assertEquals("--dir", ADD.parse(List.of("--", "--dir")).required("file.torrent"));
    }

    @Test
    void keyValuesAreCollectedInOrderOnlyWhereTheSyntaxTakesThem() {
        Arguments args = STRATEGY.parse(List.of("random-first", "first=8", "end-game.window=2", "--torrent", "ab"));
        assertEquals(Map.of("first", "8", "end-game.window", "2"), args.keyValues());
        assertEquals(List.of("first", "end-game.window"), List.copyOf(args.keyValues().keySet()));
        assertEquals(Optional.of("random-first"), args.get("spec"));
        assertEquals("a=b.torrent", ADD.parse(List.of("a=b.torrent")).required("file.torrent"));
    }

    @Test
    void mistakesAreNamed() {
        assertEquals("unknown option --bogus; known: --dir, --quiet",
                assertThrows(CommandFailure.class, () -> ADD.parse(List.of("x", "--bogus"))).getMessage());
        assertEquals("--dir needs a value: --dir DIR",
                assertThrows(CommandFailure.class, () -> ADD.parse(List.of("x", "--dir"))).getMessage());
        assertEquals("--quiet takes no value",
                assertThrows(CommandFailure.class, () -> ADD.parse(List.of("x", "--quiet=yes"))).getMessage());
        assertEquals("--dir is given twice",
                assertThrows(CommandFailure.class, () -> ADD.parse(List.of("x", "--dir=a", "--dir=b"))).getMessage());
        assertEquals("missing <file.torrent>",
                assertThrows(CommandFailure.class, () -> ADD.parse(List.of("--quiet"))).getMessage());
        assertEquals("unexpected argument 'y'",
                assertThrows(CommandFailure.class, () -> ADD.parse(List.of("x", "y"))).getMessage());
        assertEquals("first= is given twice",
                assertThrows(CommandFailure.class, () -> STRATEGY.parse(List.of("r", "first=1", "first=2")))
                        .getMessage());
    }

    @Test
    void aSubCommandMustBeOneOfItsWords() {
        Syntax plugins = Syntax.of(List.of(Parameter.choice(true, "reload")), List.of());
        assertTrue(plugins.parse(List.of("reload")).get("reload").isPresent());
        assertFalse(plugins.parse(List.of()).get("reload").isPresent());
        assertEquals("unknown sub-command 'relaod'; expected reload",
                assertThrows(CommandFailure.class, () -> plugins.parse(List.of("relaod"))).getMessage());
    }

    @Test
    void aRepeatedParameterTakesTheRemainingWords() {
        Syntax compare = Syntax.of(List.of(Parameter.required("file", ValueKind.FILE),
                Parameter.repeated("spec", ValueKind.STRATEGY)), List.of());
        Arguments args = compare.parse(List.of("t.torrent", "rarest", "in-order"));
        assertEquals(List.of("rarest", "in-order"), args.all("spec"));
        assertEquals(ValueKind.STRATEGY, compare.expect(List.of("t", "a", "b")).kind().orElseThrow());
    }

    @Test
    void theSynopsisShowsEverythingACommandTakes() {
        assertEquals("add <file.torrent> [--dir DIR] [--quiet]", ADD.synopsis("add"));
        assertEquals("strategy [<spec>] [key=value...] [--torrent ID]", STRATEGY.synopsis("strategy"));
    }

    @Test
    void expectsAnOptionsValueAfterTheOption() {
        Syntax.Expectation e = ADD.expect(List.of("x", "--dir"));
        assertEquals(Optional.of(ValueKind.DIRECTORY), e.kind());
        assertEquals("dir", e.option().orElseThrow().name());
    }

    @Test
    void expectsTheNextPositionalAfterOptionsAndTheirValues() {
        assertEquals(Optional.of(ValueKind.FILE), ADD.expect(List.of("--dir", "d")).kind());
        assertEquals(Optional.empty(), ADD.expect(List.of("--dir", "d", "x")).kind());
        assertEquals(Optional.empty(), ADD.expect(List.of("--dir=d", "x")).option().map(Option::name));
        assertEquals(List.of("rarest"), STRATEGY.positionalWords(List.of("rarest", "first=2", "--torrent", "ab")));
    }
}
