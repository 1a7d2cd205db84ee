package dev.piecewise.shell.format;

/** Text from outside (torrent names, peer client strings, error messages) made safe to print on a terminal. */
public final class Text {

    private Text() {
    }

    /** Replaces control characters, which could move the cursor or recolour the terminal, with {@code ?}. */
    public static String printable(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
