package dev.piecewise.bench;

import dev.piecewise.core.wire.Message;
import dev.piecewise.core.wire.MessageHandler;
import dev.piecewise.core.wire.MessageReader;
import dev.piecewise.core.wire.MessageWriter;
import dev.piecewise.core.wire.WireBuffers;
import dev.piecewise.core.wire.WireLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.TimeUnit;

/**
 * Peer wire messages per second through the engine's codec, from and to memory (no socket): decoding a mix of small
 * messages (have, request, cancel, interested, unchoke), decoding 16 KiB piece messages (handed over in the read buffer), and
 * encoding requests in the batches the connection writer sends.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MessageBenchmark {

    private static final WireLimits LIMITS = WireLimits.of(1L << 30, 256 * 1024);
    private static final int BATCH = 32;

    private MessageReader controlReader;
    private MessageReader blockReader;
    private MessageWriter writer;
    private CountingHandler handler;
    private int next;

    /** Serves the same bytes over and over, in reads of at most 64 KiB as a socket would. */
    private static final class RepeatingChannel implements ReadableByteChannel {
        private final ByteBuffer data;

        RepeatingChannel(byte[] bytes) {
            this.data = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        }

        @Override
        public int read(ByteBuffer target) {
            if (!data.hasRemaining()) {
                data.rewind();
            }
            int n = Math.min(Math.min(target.remaining(), data.remaining()), 64 * 1024);
            target.put(data.slice(data.position(), n));
            data.position(data.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** Discards what is written. */
    private static final class NullChannel implements WritableByteChannel {
        @Override
        public int write(ByteBuffer source) {
            int n = source.remaining();
            source.position(source.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Setup
    public void setUp() throws IOException {
        var buffers = WireBuffers.create();
        ByteBuffer control = ByteBuffer.allocate(1 << 16);
        for (int i = 0; control.remaining() >= 17; i++) {
            Message message = switch (i % 5) {
                case 0 -> Message.PieceIndex.have(i % LIMITS.pieceCount());
                case 1 -> Message.BlockRef.request(i % LIMITS.pieceCount(), 16384, 16384);
                case 2 -> Message.BlockRef.cancel(i % LIMITS.pieceCount(), 0, 16384);
                case 3 -> Message.Simple.INTERESTED;
                default -> Message.Simple.UNCHOKE;
            };
            message.encode(control);
        }
        ByteBuffer blocks = ByteBuffer.allocate(16 * (13 + 16384));
        for (int i = 0; i < 16; i++) {
            new Message.Piece(i, 0, 16384).encode(blocks);
            blocks.position(blocks.position() + 16384);
        }
        controlReader = new MessageReader(new RepeatingChannel(java.util.Arrays.copyOf(control.array(),
                control.position())), buffers, LIMITS, true, true);
        blockReader = new MessageReader(new RepeatingChannel(blocks.array()), buffers, LIMITS, true, true);
        writer = new MessageWriter(new NullChannel(), ByteBuffer.allocateDirect(16384));
        handler = new CountingHandler();
    }

    @Benchmark
    public void decodeSmallMessage(Blackhole hole) throws IOException {
        controlReader.read(handler);
        hole.consume(handler.count);
    }

    @Benchmark
    public void decodeBlock(Blackhole hole) throws IOException {
        blockReader.read(handler);
        hole.consume(handler.count);
    }

    @Benchmark
    public void encodeRequest() throws IOException {
        writer.write(Message.BlockRef.request(next % LIMITS.pieceCount(), 0, 16384));
        if (++next % BATCH == 0) {
            writer.flush();
        }
    }

    /** Counts what it is given, so nothing is optimised away. */
    private static final class CountingHandler implements MessageHandler {
        long count;

        @Override
        public void keepAlive() {
            count++;
        }

        @Override
        public void choke() {
            count++;
        }

        @Override
        public void unchoke() {
            count++;
        }

        @Override
        public void interested() {
            count++;
        }

        @Override
        public void notInterested() {
            count++;
        }

        @Override
        public void have(int piece) {
            count += piece;
        }

        @Override
        public void bitfield(byte[] bits) {
            count += bits.length;
        }

        @Override
        public void request(int piece, int begin, int length) {
            count += piece + begin + length;
        }

        @Override
        public void piece(int piece, int begin, ByteBuffer block) {
            count += block.get(block.limit() - 1) + piece;
        }

        @Override
        public void cancel(int piece, int begin, int length) {
            count += piece;
        }

        @Override
        public void port(int port) {
            count += port;
        }

        @Override
        public void haveAll() {
            count++;
        }

        @Override
        public void haveNone() {
            count++;
        }

        @Override
        public void suggest(int piece) {
            count += piece;
        }

        @Override
        public void reject(int piece, int begin, int length) {
            count += piece;
        }

        @Override
        public void allowedFast(int piece) {
            count += piece;
        }

        @Override
        public void extended(int extension, ByteBuffer payload) {
            count += payload.remaining();
        }
    }
}
