package dev.piecewise.plugin.trackerudp;

import java.time.Duration;

/**
 * BEP 15's retransmission schedule: the n-th try waits {@code base * 2^n} for an answer, for n from 0 to
 * {@code retries}.
 *
 * @param base    the wait of the first try (BEP 15: 15 seconds)
 * @param retries how many times to send again after the first try (BEP 15: up to 8)
 */
record Retransmission(Duration base, int retries) {

    Retransmission {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("the retransmission base must be positive: " + base);
        }
        if (retries < 0 || retries > 8) {
            throw new IllegalArgumentException("retries must be from 0 to 8: " + retries);
        }
    }

    /** How long try {@code n} (0 first) waits for an answer. */
    Duration wait(int n) {
        return base.multipliedBy(1L << n);
    }

    int tries() {
        return retries + 1;
    }
}
