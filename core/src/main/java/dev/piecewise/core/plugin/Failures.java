package dev.piecewise.core.plugin;

/** Turns exceptions from the module system and from plugin code into the one-line texts users see. */
final class Failures {

    private Failures() {
    }

    /**
     * What the module system said, without the private copy's path: the deepest cause's message, on one line.
     *
     * @param copy   the private copy the message may name
     * @param origin the jar's file name, which replaces the copy's path
     */
    static String jdkMessage(Throwable failure, java.nio.file.Path copy, String origin) {
        Throwable root = rootCause(failure);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return oneLine(message.replace(copy.toString(), origin)
                .replace(copy.toUri().toString(), origin));
    }

    /** What plugin code threw: the deepest cause's class and message, on one line. */
    static String thrown(Throwable failure) {
        Throwable root = rootCause(failure);
        return root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + oneLine(root.getMessage());
    }

    /** Collapses line breaks and runs of white space, so a message cannot break the one-line-per-problem rule. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return root;
    }
}
