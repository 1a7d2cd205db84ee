package dev.piecewise.plugin.trackerhttp;

/**
 * What the HTTP transport accepts from a tracker.
 *
 * @param maxAnswerBytes the longest answer body read
 * @param maxRedirects   how many redirects one call follows
 */
record HttpLimits(int maxAnswerBytes, int maxRedirects) {

    HttpLimits {
        if (maxAnswerBytes < 1 || maxRedirects < 0) {
            throw new IllegalArgumentException("invalid limits: " + maxAnswerBytes + " bytes, " + maxRedirects
                    + " redirects");
        }
    }
}
