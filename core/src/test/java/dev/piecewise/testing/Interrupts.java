package dev.piecewise.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a blocking call gives up promptly with {@link InterruptedException} when its thread is interrupted. */
public final class Interrupts {

    /** What blocks. */
    public interface Call {
        void run() throws Exception;
    }

    private Interrupts() {
    }

    /**
     * Runs the call on a thread of the builder's kind, waits until {@code blocking} says it is under way, interrupts
     * it and expects {@link InterruptedException} within two seconds.
     */
    public static void assertInterruptible(Thread.Builder builder, Call call, BooleanSupplier blocking)
            throws Exception {
        var outcome = new CompletableFuture<Throwable>();
        Thread caller = builder.start(() -> {
            try {
                call.run();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!blocking.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        caller.interrupt();
        Throwable thrown = outcome.get(2, TimeUnit.SECONDS);
        assertTrue(thrown instanceof InterruptedException, "expected InterruptedException, got " + thrown);
    }
}
