package dev.piecewise.core.plugin;

/**
 * Notices a plugin call that does not return. The thread that calls the plugin (holding the torrent's lock) marks
 * the call's start and end; a watchdog on another thread calls {@link #watch()} at a fixed period. A call seen
 * running at two consecutive watches has run for at least one period: it is overdue, and from then on every call
 * the plugin makes back into the core's views and sinks ({@link #check()}) throws {@link PluginOverrun}, which unwinds
 * it so that the caller can replace it with the built-in fallback.
 *
 * <p>No clock in the hot path: {@link #check()} is two volatile reads (plain loads on x86-64), and the start and end
 * of a call are two volatile writes. A plugin that spins without calling back into the core cannot be unwound (the
 * JDK can no longer stop a thread); the watchdog can only report it ({@link Overdue#STUCK}).
 */
public final class CallWatch {

    /** What one {@link #watch()} found. */
    public enum Overdue {
        /** No call, or a call that started since the last watch. */
        NO,
        /** A call became overdue at this watch: it will be unwound at its next call into the core. */
        NOW,
        /** The call was already overdue at the last watch and has not come back into the core since. */
        STUCK
    }

    /** Odd while a call runs; only the calling thread writes it. */
    private volatile int call;
    /** The number of the call found overdue; 0 (even) never matches a running call. */
    private volatile int overdueCall;
    /** The call number the watchdog saw last (watchdog thread only). */
    private int lastSeen;
    /** Whether the overdue call entered the core since the last watch (calling thread only writes it). */
    private volatile boolean cameBack;

    /** The calling thread: a plugin call starts. */
    public void begin() {
        call++;
    }

    /** The calling thread: the plugin call returned or was unwound. */
    public void end() {
        call++;
    }

    /**
     * Called by the views a plugin uses: throws if the call running is overdue.
     *
     * @throws PluginOverrun when the plugin call has run past its deadline
     */
    public void check() {
        int running = overdueCall;
        if (running != 0 && running == call) {
            cameBack = true;
            throw new PluginOverrun();
        }
    }

    /** The watchdog thread, once a period. */
    public Overdue watch() {
        int now = call;
        if ((now & 1) == 0 || now != lastSeen) {
            lastSeen = now;
            return Overdue.NO;
        }
        if (overdueCall != now) {
            cameBack = false;
            overdueCall = now;
            return Overdue.NOW;
        }
        if (cameBack) {
            cameBack = false;
            return Overdue.NOW;
        }
        return Overdue.STUCK;
    }
}
