package dev.piecewise.api;

/**
 * A request the client cannot carry out, with a message meant for the user: it says what was wrong and, where it can,
 * what to do instead. Front ends show the message as it is.
 */
public class PiecewiseException extends RuntimeException {

    public PiecewiseException(String message) {
        super(message);
    }

    public PiecewiseException(String message, Throwable cause) {
        super(message, cause);
    }
}
