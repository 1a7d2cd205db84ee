package dev.piecewise.shell.command;

/**
 * One shell command. Adding a command means writing one small class and registering it in
 * {@link dev.piecewise.shell.commands.Commands}; parsing, completion, help and error reporting come from its
 * {@link Syntax}.
 */
public interface Command {

    /** The word that runs it. */
    String name();

    /** One line for the list of commands. */
    String summary();

    /** What it accepts. */
    Syntax syntax();

    /** More about it for {@code help <command>}: a few lines, or empty. */
    default String details() {
        return "";
    }

    /**
     * Runs the command. Output goes to {@link CommandContext#out()}; failures are thrown as {@link CommandFailure}
     * or {@link dev.piecewise.api.PiecewiseException} with a message for the user. A command that waits must let
     * {@link InterruptedException} through: that is how Ctrl-C stops it.
     */
    void run(Arguments args, CommandContext context) throws Exception;
}
