package dev.piecewise.core.metainfo;

/**
 * A torrent that cannot be read or used, with a message meant for the user as it is: it names the torrent and the
 * problem, e.g. {@code ubuntu.torrent: file 3 ("a/../b") has a ".." path element}.
 */
public final class MetainfoException extends Exception {

    public MetainfoException(String source, String problem) {
        super(source + ": " + problem);
    }

    public MetainfoException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
