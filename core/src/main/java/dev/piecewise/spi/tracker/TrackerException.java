package dev.piecewise.spi.tracker;

/** An announce or scrape that did not succeed, with what went wrong in words a user can act on. */
public final class TrackerException extends Exception {

    /** What went wrong, so the core can choose how long to back off. */
    public enum Reason {
        /** The tracker answered with a failure reason (BEP 3) or an error action (BEP 15). */
        REFUSED,
        /** The tracker could not be reached or did not answer in time. */
        UNREACHABLE,
        /** The tracker answered something that is not a valid answer. */
        MALFORMED,
        /** The transport cannot do this for this URL (a scrape the tracker does not offer). */
        UNSUPPORTED
    }

    private final Reason reason;

    public TrackerException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TrackerException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
