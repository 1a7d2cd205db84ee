package dev.piecewise.shell;

/** A command line Piecewise cannot start with: an unknown option, a missing or bad value. Exit status 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
