package dev.piecewise.shell.command;

/** What a command's argument holds; it decides how the argument is completed. */
public enum ValueKind {
    /** A torrent's short id, or a unique prefix of it. */
    TORRENT,
    /** A strategy spec: a base strategy and modifiers joined with {@code +}. */
    STRATEGY,
    /** A choking policy id. */
    CHOKING,
    /** A file path. */
    FILE,
    /** A directory path. */
    DIRECTORY,
    /** A number. */
    NUMBER,
    /** The name of a shell command. */
    COMMAND,
    /** One of a fixed set of words (a sub-command). */
    CHOICE,
    /** Anything else. */
    TEXT
}
