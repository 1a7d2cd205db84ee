package dev.piecewise.shell.command;

import dev.piecewise.api.Client;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** What a running command can reach. */
public interface CommandContext {

    /**
     * The client.
     *
     * @throws CommandFailure when it did not start, saying why
     */
    Client client();

    /** Where the command writes its output. */
    PrintWriter out();

    /** The columns output may use; 0 when there is no limit (output is not a terminal). */
    int width();

    /** Relative paths typed by the user are resolved against this. */
    Path workingDirectory();

    /**
     * A path as the user typed it, made absolute; {@code ~} stands for the home directory.
     *
     * @throws CommandFailure when it cannot be a path
     */
    default Path path(String typed) {
        try {
            return UserPaths.resolve(workingDirectory(), typed);
        } catch (InvalidPathException e) {
            throw new CommandFailure("not a path: " + typed);
        }
    }

    /** The commands there are, for {@code help}. */
    CommandRegistry commands();

    /** Asks the shell to exit once this command is done. */
    void quit();
}
