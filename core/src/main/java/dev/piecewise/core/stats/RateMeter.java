package dev.piecewise.core.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * Bytes per second over a sliding window (20 one-second slots by default), plus a running total.
 *
 * <p>The meter has no clock: every call takes the time, so the engine feeds it a monotonic clock and the simulator its
 * simulated one. {@link #add} and {@link #rate} may be called from any thread at once; neither allocates nor blocks.
 * Each slot packs the number of the time slot it counts (low bits only) and its byte count into one {@code long}
 * updated by compare-and-set, so a slot is reset and counted into atomically.
 *
 * <p>Limits, both far beyond a 1-second slot's real figures: a slot saturates at {@value #MAX_SLOT_BYTES} bytes; and a
 * slot left untouched for exactly a multiple of 2^28 slot widths (8.5 years at 1 second) would be mistaken for a
 * current one.
 */
public final class RateMeter {

    /** The window the BitTorrent reference measures peers over. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(20);
    /** The default width of one slot: the window slides in steps of this. */
    public static final Duration DEFAULT_SLOT = Duration.ofSeconds(1);
    /** What {@link #lastAddMillis()} returns before any bytes were added. */
    public static final long NEVER = Long.MIN_VALUE;

    private static final int BYTE_BITS = 36;
    static final long MAX_SLOT_BYTES = (1L << BYTE_BITS) - 1;
    private static final int TAG_BITS = Long.SIZE - BYTE_BITS;
    private static final long TAG_MASK = (1L << TAG_BITS) - 1;

    private final long slotMillis;
    private final int slotCount;
    private final long startMillis;
    // plain fields and an array accessed through VarHandles rather than atomic wrappers: a torrent reads every peer's
    // two meters at every rechoke (the simulator thousands of them), so a meter is kept to two objects
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle TOTAL;
    private static final VarHandle LAST_ADD;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TOTAL = lookup.findVarHandle(RateMeter.class, "total", long.class);
            LAST_ADD = lookup.findVarHandle(RateMeter.class, "lastAdd", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] slots;
    private volatile long total;
    private volatile long lastAdd = NEVER;

    /** A meter over the default 20-second window, counting from {@code startMillis} (when the connection opened). */
    public RateMeter(long startMillis) {
        this(DEFAULT_WINDOW, DEFAULT_SLOT, startMillis);
    }

    /**
     * A meter over {@code window} in steps of {@code slot}.
     *
     * @param startMillis when measuring begins: until a whole window has passed, the rate is over the time since then
     *                    (at least one slot), so a new peer's rate is not diluted by time it was not connected
     */
    public RateMeter(Duration window, Duration slot, long startMillis) {
        slotMillis = slot.toMillis();
        if (slotMillis <= 0 || window.toMillis() < slotMillis || window.toMillis() % slotMillis != 0) {
            throw new IllegalArgumentException("the window (" + window + ") must be a positive whole number of slots ("
                    + slot + ")");
        }
        slotCount = Math.toIntExact(window.toMillis() / slotMillis);
        this.startMillis = startMillis;
        slots = new long[slotCount];
        for (int i = 0; i < slotCount; i++) {
            // tagged with a slot number no current time maps to, so that no slot starts out as current
            slots[i] = pack(epoch(startMillis) - slotCount, 0);
        }
    }

    /** Counts {@code bytes} transferred at {@code nowMillis}. Negative or zero amounts are ignored. */
    public void add(long bytes, long nowMillis) {
        if (bytes <= 0) {
            return;
        }
        TOTAL.getAndAdd(this, bytes);
        long last;
        while ((last = lastAdd) < nowMillis && !LAST_ADD.compareAndSet(this, last, nowMillis)) {
            Thread.onSpinWait();
        }
        long epoch = epoch(nowMillis);
        int index = index(epoch);
        long tag = epoch & TAG_MASK;
        while (true) {
            long current = (long) SLOTS.getVolatile(slots, index);
            long currentTag = current >>> BYTE_BITS;
            long next;
            if (currentTag == tag) {
                next = pack(tag, Math.min(MAX_SLOT_BYTES, (current & MAX_SLOT_BYTES) + bytes));
            } else if (isLater(tag, currentTag)) {
                next = pack(tag, Math.min(MAX_SLOT_BYTES, bytes));
            } else {
                return; // a delayed caller's bytes for a slot that has already left the window
            }
            if (SLOTS.compareAndSet(slots, index, current, next)) {
                return;
            }
        }
    }

    /** Bytes per second over the window that ends at {@code nowMillis}; 0 once the meter has been idle a window. */
    public double rate(long nowMillis) {
        long now = Math.max(nowMillis, startMillis);
        long epoch = epoch(now);
        long last = lastAdd;
        if (last == NEVER || epoch(last) <= epoch - slotCount) {
            return 0; // idle for a whole window, as most of a torrent's connections are: no need to read the slots
        }
        long bytes = 0;
        // one division for the whole walk: rates are read for every peer at every rechoke (and in the simulator)
        int index = index(epoch);
        for (int age = 0; age < slotCount; age++) {
            long slot = (long) SLOTS.getVolatile(slots, index);
            if (slot >>> BYTE_BITS == ((epoch - age) & TAG_MASK)) {
                bytes += slot & MAX_SLOT_BYTES;
            }
            index = index == 0 ? slotCount - 1 : index - 1;
        }
        long windowMillis = (slotCount - 1) * slotMillis + (now - startMillis) % slotMillis;
        long spanMillis = Math.max(slotMillis, Math.min(now - startMillis, windowMillis));
        return bytes * 1000.0 / spanMillis;
    }

    /** Every byte added since the meter was created. */
    public long total() {
        return total;
    }

    /** The latest time bytes were added at, or {@link #NEVER}. */
    public long lastAddMillis() {
        return lastAdd;
    }

    private long epoch(long millis) {
        // slots are aligned to the start, so the current slot's partial width is known exactly
        return Math.floorDiv(millis - startMillis, slotMillis);
    }

    private int index(long epoch) {
        return (int) Math.floorMod(epoch, (long) slotCount);
    }

    private static long pack(long epoch, long bytes) {
        return (epoch & TAG_MASK) << BYTE_BITS | bytes;
    }

    /** Whether slot number tag {@code a} comes after {@code b}, modulo the tag width. */
    private static boolean isLater(long a, long b) {
        long distance = (a - b) & TAG_MASK;
        return distance != 0 && distance < (1L << (TAG_BITS - 1));
    }
}
