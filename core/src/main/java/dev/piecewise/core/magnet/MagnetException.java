package dev.piecewise.core.magnet;

/**
 * A magnet link that cannot be used, with a message meant for the user as it is: it names the parameter and the
 * problem, e.g. {@code magnet link: x.pe "10.0.0.1" has no port}.
 */
public final class MagnetException extends Exception {

    public MagnetException(String problem) {
        super("magnet link: " + problem);
    }
}
