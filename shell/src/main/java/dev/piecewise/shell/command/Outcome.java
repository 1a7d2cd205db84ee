package dev.piecewise.shell.command;

/** How running one statement ended. */
public sealed interface Outcome {

    /** It did what was asked. */
    record Done() implements Outcome {
    }

    /**
     * It failed.
     *
     * @param command the command word as typed (empty when there was no valid command)
     * @param message one line for the user
     */
    record Failed(String command, String message) implements Outcome {

        /** {@code add: no such file: x.torrent}. */
        public String line() {
            return command.isEmpty() ? message : command + ": " + message;
        }
    }

    /** Ctrl-C stopped it. */
    record Interrupted(String command) implements Outcome {
    }

    static Outcome done() {
        return new Done();
    }
}
