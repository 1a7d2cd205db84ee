package dev.piecewise.core.sim;

import java.util.PriorityQueue;

/**
 * The simulator's agenda: events and block transfers in time order, and those at the same time in the order they
 * were scheduled, so that a run never depends on anything but its inputs. Transfers live in a {@link TransferHeap},
 * where a change of rate moves them; everything else is a one-off {@link Event}.
 */
final class EventQueue {

    /** What happens at an event. */
    enum Kind { ARRIVE, TICK, ANNOUNCE, DEPART }

    /** One scheduled event concerning {@code peer} (none for a tick). */
    record Event(long micros, long sequence, Kind kind, SimPeer peer) {
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.micros != b.micros
            ? Long.compare(a.micros, b.micros) : Long.compare(a.sequence, b.sequence));
    private final TransferHeap transfers = new TransferHeap();
    private long sequence;

    void schedule(long micros, Kind kind, SimPeer peer) {
        events.add(new Event(micros, sequence++, kind, peer));
    }

    /** Plans (or re-plans) when the block in flight over {@code link} arrives. */
    void scheduleTransfer(SimLink link, long micros) {
        transfers.schedule(link, micros, sequence++);
    }

    void cancelTransfer(SimLink link) {
        transfers.remove(link);
    }

    /** When the next event or transfer happens, or {@link Long#MAX_VALUE} when nothing is left. */
    long nextMicros() {
        Event event = events.peek();
        SimLink transfer = transfers.peek();
        long eventMicros = event == null ? Long.MAX_VALUE : event.micros();
        return transfer == null ? eventMicros : Math.min(eventMicros, transfer.finishMicros);
    }

    /** The transfer that finishes next, taken off the agenda, if it comes before every event; else null. */
    SimLink pollTransfer() {
        SimLink transfer = transfers.peek();
        Event event = events.peek();
        if (transfer == null || event != null && (event.micros() < transfer.finishMicros
                || event.micros() == transfer.finishMicros && event.sequence() < transfer.finishSequence)) {
            return null;
        }
        transfers.remove(transfer);
        return transfer;
    }

    /** The next event, taken off the agenda, or null. */
    Event pollEvent() {
        return events.poll();
    }
}
