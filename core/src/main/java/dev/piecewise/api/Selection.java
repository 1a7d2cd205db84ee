package dev.piecewise.api;

/**
 * A resolved choice of strategy or choking policy: the full ids (for a strategy, the base and its modifiers joined
 * with {@code +}) and the options in effect, written as {@code key=value}.
 */
public record Selection(String spec, String options) {

    @Override
    public String toString() {
        return options.isEmpty() ? spec : spec + " " + options;
    }
}
