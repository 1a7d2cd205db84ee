package dev.piecewise.core.wire;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns decoded messages back into {@link Message} values (and blocks into {@link Block}s) to compare. Safe to read
 * from another thread than the one decoding.
 */
public final class RecordingHandler implements MessageHandler {

    /** A received block with a copy of its bytes. */
    public record Block(int piece, int begin, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Block b && piece == b.piece && begin == b.begin && Arrays.equals(data, b.data);
        }

        @Override
        public int hashCode() {
            return 31 * piece + begin;
        }
    }

    public final List<Object> received = new CopyOnWriteArrayList<>();

    /** Waits until {@code count} messages arrived or the timeout passed; returns what arrived. */
    public List<Object> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return List.copyOf(received);
    }

    @Override
    public void keepAlive() {
        received.add(Message.Simple.KEEP_ALIVE);
    }

    @Override
    public void choke() {
        received.add(Message.Simple.CHOKE);
    }

    @Override
    public void unchoke() {
        received.add(Message.Simple.UNCHOKE);
    }

    @Override
    public void interested() {
        received.add(Message.Simple.INTERESTED);
    }

    @Override
    public void notInterested() {
        received.add(Message.Simple.NOT_INTERESTED);
    }

    @Override
    public void have(int piece) {
        received.add(Message.PieceIndex.have(piece));
    }

    @Override
    public void bitfield(byte[] bits) {
        received.add(new Message.Bitfield(bits));
    }

    @Override
    public void request(int piece, int begin, int length) {
        received.add(Message.BlockRef.request(piece, begin, length));
    }

    @Override
    public void piece(int piece, int begin, ByteBuffer block) {
        byte[] data = new byte[block.remaining()];
        block.get(data);
        received.add(new Block(piece, begin, data));
    }

    @Override
    public void cancel(int piece, int begin, int length) {
        received.add(Message.BlockRef.cancel(piece, begin, length));
    }

    @Override
    public void port(int port) {
        received.add(new Message.Port(port));
    }

    @Override
    public void haveAll() {
        received.add(Message.Simple.HAVE_ALL);
    }

    @Override
    public void haveNone() {
        received.add(Message.Simple.HAVE_NONE);
    }

    @Override
    public void suggest(int piece) {
        received.add(Message.PieceIndex.suggest(piece));
    }

    @Override
    public void reject(int piece, int begin, int length) {
        received.add(Message.BlockRef.reject(piece, begin, length));
    }

    @Override
    public void allowedFast(int piece) {
        received.add(Message.PieceIndex.allowedFast(piece));
    }

    @Override
    public void extended(int extension, ByteBuffer payload) {
        byte[] data = new byte[payload.remaining()];
        payload.get(data);
        received.add(new Message.Extended(extension, data));
    }
}
