package dev.piecewise.shell.format;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableTest {

    @Test
    void alignsColumnsLeftAndRightWithoutTrailingSpaces() {
        List<String> lines = Table.of("ID", "NAME", ">SIZE")
                .row("abcd1234", "ubuntu.iso", "4.00 GiB")
                .row("0f0f0f0f", "a", "12 B")
                .render(0);
        assertEquals(List.of(
                "ID        NAME            SIZE",
                "abcd1234  ubuntu.iso  4.00 GiB",
                "0f0f0f0f  a               12 B"), lines);
    }

    @Test
    void shortensOnlyTheFlexibleColumnToFitTheWidth() {
        List<String> lines = Table.of("ID", "NAME", ">SIZE").flexible("NAME")
                .row("abcd1234", "a-very-long-torrent-name.iso", "4.00 GiB")
                .render(32);
        assertEquals("abcd1234  a-very-long…  4.00 GiB", lines.get(1));
        assertTrue(lines.stream().allMatch(l -> l.length() <= 32), lines.toString());
    }

    @Test
    void aFlexibleColumnKeepsAFewCharactersWhenTheTerminalIsTiny() {
        List<String> lines = Table.of("ID", "NAME").flexible("NAME").row("abcd1234", "a-long-name-here").render(5);
        assertEquals("abcd1234  a-long-…", lines.get(1));
    }

    @Test
    void controlCharactersFromOutsideCannotReachTheTerminal() {
        List<String> lines = Table.of("NAME").row("evil\u001b[2Jname\n").render(0);
        assertEquals("evil?[2Jname?", lines.get(1));
    }

    @Test
    void aRowMustHaveACellPerColumn() {
        assertThrows(IllegalArgumentException.class, () -> Table.of("A", "B").row("only one"));
    }
}
