package dev.piecewise.shell.commands;

import dev.piecewise.shell.command.CommandFailure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CompareCommandTest {

    @Test
    void readsChokingOptionsInOrder() {
        Map<String, String> options = CompareCommand.options("slots=2, interval=2s,optimistic-interval=6s");
        assertEquals(Map.of("slots", "2", "interval", "2s", "optimistic-interval", "6s"), options);
        assertEquals(List.of("slots", "interval", "optimistic-interval"), List.copyOf(options.keySet()));
    }

    @Test
    void refusesWhatIsNotKeyEqualsValue() {
        assertEquals("--choking-options: 'interval' is not key=value",
                assertThrows(CommandFailure.class, () -> CompareCommand.options("slots=2,interval")).getMessage());
        assertEquals("--choking-options: '=2' is not key=value",
                assertThrows(CommandFailure.class, () -> CompareCommand.options("=2")).getMessage());
    }
}
