package dev.piecewise.core.swarm;

import java.util.random.RandomGenerator;

/** When the leechers of a swarm join, relative to the start of the run. */
public sealed interface Arrivals {

    /**
     * The arrival times of {@code count} leechers in milliseconds, the {@code i}-th for the {@code i}-th leecher. The
     * order is random, so that which leecher comes when does not depend on its class.
     *
     * @param random the only randomness used
     */
    long[] times(int count, RandomGenerator random);

    /** Everyone at once: each leecher joins at a uniformly random moment within {@code spreadMillis} of the start. */
    record FlashCrowd(long spreadMillis) implements Arrivals {

        public FlashCrowd {
            if (spreadMillis < 0) {
                throw new IllegalArgumentException("a flash crowd's spread cannot be negative: " + spreadMillis);
            }
        }

        @Override
        public long[] times(int count, RandomGenerator random) {
            long[] times = new long[count];
            for (int i = 0; i < count; i++) {
                times[i] = spreadMillis == 0 ? 0 : random.nextLong(spreadMillis + 1);
            }
            return times;
        }
    }

    /** A steady stream: gaps between arrivals are exponential with mean {@code meanGapMillis} (a Poisson process). */
    record Poisson(long meanGapMillis) implements Arrivals {

        public Poisson {
            if (meanGapMillis <= 0) {
                throw new IllegalArgumentException("the mean gap between arrivals must be positive: " + meanGapMillis);
            }
        }

        @Override
        public long[] times(int count, RandomGenerator random) {
            long[] times = new long[count];
            double now = 0;
            for (int i = 0; i < count; i++) {
                now += random.nextExponential() * meanGapMillis;
                times[i] = Math.round(now);
            }
            for (int i = count - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                long swap = times[i];
                times[i] = times[j];
                times[j] = swap;
            }
            return times;
        }
    }
}
