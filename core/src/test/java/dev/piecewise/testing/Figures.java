package dev.piecewise.testing;

import dev.piecewise.core.tracker.TransferFigures;

import java.util.function.LongSupplier;

/** Transfer figures for announcer tests: fixed counts, and what is left as the test says. */
public final class Figures {

    private Figures() {
    }

    public static TransferFigures of(long uploaded, long downloaded, LongSupplier left) {
        return new TransferFigures() {
            @Override
            public long uploaded() {
                return uploaded;
            }

            @Override
            public long downloaded() {
                return downloaded;
            }

            @Override
            public long left() {
                return left.getAsLong();
            }
        };
    }
}
