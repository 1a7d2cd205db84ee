package dev.piecewise.core.peer;

import dev.piecewise.core.wire.Message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What waits to be sent to one peer: control messages in order, and the blocks the peer requested. Any thread may add
 * (they never block: a full queue refuses, and the caller drops the peer, which is not reading); only the
 * connection's writer takes. Both parts are bounded, so a peer that stops reading costs a bounded amount of memory.
 * Control messages go first, so our requests and haves are never stuck behind the uploads of a slow peer.
 */
final class OutboundQueue {

    private final int maxControl;
    private final int maxUploads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Message> control = new ArrayDeque<>();
    private final ArrayDeque<Message.Piece> uploads = new ArrayDeque<>();
    private boolean closed;

    OutboundQueue(int maxControl, int maxUploads) {
        this.maxControl = maxControl;
        this.maxUploads = maxUploads;
    }

    /** Queues a control message; {@code false} when the queue is closed or full. */
    boolean send(Message message) {
        lock.lock();
        try {
            if (closed || control.size() >= maxControl) {
                return false;
            }
            control.add(message);
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a block to upload; {@code false} when the queue is closed or holds the most uploads allowed. */
    boolean upload(Message.Piece block) {
        lock.lock();
        try {
            if (closed || uploads.size() >= maxUploads) {
                return false;
            }
            uploads.add(block);
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a queued upload the peer cancelled; {@code false} if it was not queued (sent or never asked for). */
    boolean cancelUpload(int piece, int begin, int length) {
        lock.lock();
        try {
            return uploads.remove(new Message.Piece(piece, begin, length));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops every queued upload and queues {@code message} (a choke) in one step, so that no block is sent after it.
     *
     * @return the uploads dropped, to reject them when the peer has the fast extension
     */
    List<Message.Piece> dropUploadsThenSend(Message message) {
        lock.lock();
        try {
            var dropped = new ArrayList<>(uploads);
            uploads.clear();
            if (!closed) {
                control.add(message);
                ready.signal();
            }
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    int pendingUploads() {
        lock.lock();
        try {
            return uploads.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until something is queued, the timeout passes or the queue closes, then moves every control message and at
     * most one upload (last) into {@code batch}.
     *
     * @return {@code false} once the queue is closed
     */
    boolean take(List<Message> batch, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long wait = timeoutNanos;
            while (!closed && control.isEmpty() && uploads.isEmpty() && wait > 0) {
                wait = ready.awaitNanos(wait);
            }
            if (closed) {
                return false;
            }
            for (Iterator<Message> it = control.iterator(); it.hasNext(); it.remove()) {
                batch.add(it.next());
            }
            Message.Piece upload = uploads.poll();
            if (upload != null) {
                batch.add(upload);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            control.clear();
            uploads.clear();
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
