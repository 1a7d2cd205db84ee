package dev.piecewise.shell.command;

/** A command that cannot do what was asked, with a one-line message for the user. */
public class CommandFailure extends RuntimeException {

    public CommandFailure(String message) {
        super(message);
    }

    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
