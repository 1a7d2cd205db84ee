package dev.piecewise.shell.terminal;

import dev.piecewise.api.Client;
import dev.piecewise.shell.command.CommandRegistry;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** The line editor of the interactive shell. */
public final class ShellReader {

    private ShellReader() {
    }

    /**
     * @param historyFile where typed lines are kept between runs, if anywhere
     */
    public static LineReader create(Terminal terminal, CommandRegistry commands, Supplier<Optional<Client>> client,
                                    Path workingDirectory, Optional<Path> historyFile) {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("piecewise")
                .parser(new ShellParser())
                .completer(new ShellCompleter(commands, client, workingDirectory))
                .variable(LineReader.HISTORY_SIZE, 1000)
                // '!' and backslashes must reach the tokenizer as typed: history expansion would eat them
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true);
        historyFile.ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
        return builder.build();
    }
}
