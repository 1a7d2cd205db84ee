package dev.piecewise.core.engine;

import dev.piecewise.api.InfoHash;
import dev.piecewise.core.wire.Handshake;
import dev.piecewise.core.wire.Message;
import dev.piecewise.core.wire.PeerId;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;

/**
 * A peer under a test's control on a plain blocking socket: it handshakes, then sends whatever the test scripts,
 * well-formed or not, and reads what comes back. For hostile-peer tests.
 */
final class ScriptedPeer implements AutoCloseable {

    /** A message read back: its id (-1 for keep-alive) and payload. */
    record Received(int id, byte[] payload) {
        int intAt(int offset) {
            return ByteBuffer.wrap(payload).getInt(offset);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private ScriptedPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Dials {@code address} and completes a handshake for {@code infoHash} with the given reserved bits. */
    static ScriptedPeer dial(InetSocketAddress address, InfoHash infoHash, long reserved) throws IOException {
        var peer = new ScriptedPeer(new Socket(address.getAddress(), address.getPort()));
        peer.sendRaw(new Handshake(reserved, infoHash, PeerId.generate(new Random())).encode().array());
        peer.readHandshake();
        return peer;
    }

    /** Waits on {@code server} for the engine to dial in, and completes the handshake. */
    static ScriptedPeer accept(ServerSocket server, InfoHash infoHash, long reserved) throws IOException {
        server.setSoTimeout(10_000);
        var peer = new ScriptedPeer(server.accept());
        peer.readHandshake();
        peer.sendRaw(new Handshake(reserved, infoHash, PeerId.generate(new Random())).encode().array());
        return peer;
    }

    private void readHandshake() throws IOException {
        in.readFully(new byte[Handshake.LENGTH]);
    }

    void send(Message... messages) throws IOException {
        for (Message message : messages) {
            ByteBuffer buffer = ByteBuffer.allocate(message.encodedLength());
            message.encode(buffer);
            sendRaw(buffer.array());
        }
    }

    /** A piece message with its data. */
    void sendBlock(int piece, int begin, byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(13 + data.length);
        new Message.Piece(piece, begin, data.length).encode(buffer);
        sendRaw(buffer.put(data).array());
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next message, keep-alives included. */
    Received read() throws IOException {
        int length = in.readInt();
        if (length == 0) {
            return new Received(-1, new byte[0]);
        }
        int id = in.readUnsignedByte();
        byte[] payload = new byte[length - 1];
        in.readFully(payload);
        return new Received(id, payload);
    }

    /** Skips messages until one with {@code id} arrives. */
    Received readUntil(int id) throws IOException {
        for (Received message = read(); ; message = read()) {
            if (message.id() == id) {
                return message;
            }
        }
    }

    /** Whether the engine closed the connection within the timeout (reading and dropping what it still sends). */
    boolean closedWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] sink = new byte[65536];
        socket.setSoTimeout(100);
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(sink) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                // keep waiting
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    /** Whether the connection is still open after {@code time}. */
    boolean stillOpenAfter(Duration time) throws IOException {
        return !closedWithin(time);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
