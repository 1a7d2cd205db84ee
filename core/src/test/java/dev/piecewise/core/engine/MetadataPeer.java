package dev.piecewise.core.engine;

import dev.piecewise.api.InfoHash;
import dev.piecewise.core.metadata.MetadataMessage;
import dev.piecewise.core.wire.ExtensionHandshake;
import dev.piecewise.core.wire.Handshake;
import dev.piecewise.core.wire.Message;
import dev.piecewise.core.wire.PeerId;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A peer on 127.0.0.1 that has a torrent's metadata and nothing else, and serves it honestly or not: the hostile
 * peers of the magnet tests. It accepts connections until closed, each on a thread of its own, speaks the handshake,
 * the extension handshake (offering {@code ut_metadata} with a size) and have-none, then answers metadata requests as
 * its {@link Behaviour} says. Every other message is read and ignored.
 */
final class MetadataPeer implements AutoCloseable {

    /** How the peer answers. */
    enum Behaviour {
        /** Serves the metadata as it is. */
        HONEST,
        /** Serves the metadata with one byte changed: it fails the hash. */
        CORRUPT,
        /** Rejects every request. */
        REJECT,
        /** Offers and serves the metadata with 10 bytes more, consistently: the hash finds it out. */
        WRONG_SIZE,
        /** Offers more than any client fetches; answers nothing. */
        OVERSIZED
    }

    private static final int OUR_UT_METADATA = 3;

    private final InfoHash infoHash;
    private final byte[] metadata;
    private final Behaviour behaviour;
    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    MetadataPeer(InfoHash infoHash, byte[] metadata, Behaviour behaviour) throws IOException {
        this.infoHash = infoHash;
        this.behaviour = behaviour;
        this.metadata = switch (behaviour) {
            case CORRUPT -> corrupt(metadata);
            case WRONG_SIZE -> Arrays.copyOf(metadata, metadata.length + 10);
            default -> metadata.clone();
        };
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("metadata peer " + behaviour).start(this::acceptLoop);
    }

    private static byte[] corrupt(byte[] metadata) {
        byte[] bad = metadata.clone();
        bad[bad.length / 2] ^= 0x20;
        return bad;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    /** Metadata requests received so far, over every connection. */
    int requests() {
        return requests.get();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(60_000);
            var channel = Channels.newChannel(socket.getInputStream());
            Handshake.readStart(channel);
            Handshake.readPeerId(channel);
            var out = socket.getOutputStream();
            out.write(array(new Handshake(Handshake.OUR_RESERVED, infoHash, PeerId.generate(new Random())).encode()));
            long size = behaviour == Behaviour.OVERSIZED ? MetadataMessage.MAX_SIZE + 1L : metadata.length;
            var handshake = new ExtensionHandshake(Map.of(MetadataMessage.EXTENSION, OUR_UT_METADATA),
                    Optional.of("MetadataPeer " + behaviour), OptionalInt.empty(), OptionalInt.empty(),
                    Optional.empty(), OptionalLong.of(size));
            send(out, new Message.Extended(ExtensionHandshake.ID, handshake.encode()));
            send(out, Message.Simple.HAVE_NONE);
            var in = new DataInputStream(socket.getInputStream());
            int theirUtMetadata = 0;
            while (true) {
                int length = in.readInt();
                if (length == 0) {
                    continue;
                }
                byte[] message = in.readNBytes(length);
                if (message.length < 2 || message[0] != Message.EXTENDED) {
                    continue;
                }
                ByteBuffer payload = ByteBuffer.wrap(message, 2, message.length - 2);
                if (message[1] == ExtensionHandshake.ID) {
                    theirUtMetadata = ExtensionHandshake.decode(payload).extensions()
                            .getOrDefault(MetadataMessage.EXTENSION, 0);
                } else if (message[1] == OUR_UT_METADATA && theirUtMetadata > 0) {
                    var request = MetadataMessage.decode(payload);
                    if (request.orElse(null) instanceof MetadataMessage.Request asked) {
                        requests.incrementAndGet();
                        send(out, new Message.Extended(theirUtMetadata, answer(asked.piece()).encode()));
                    }
                }
            }
        } catch (IOException e) {
            // the other side closed the connection, or this peer was closed: done with it
        } finally {
            open.remove(socket);
        }
    }

    private MetadataMessage answer(int piece) {
        if (behaviour == Behaviour.REJECT || behaviour == Behaviour.OVERSIZED
                || piece >= MetadataMessage.pieceCount(metadata.length)) {
            return new MetadataMessage.Reject(piece);
        }
        int from = piece * MetadataMessage.PIECE_SIZE;
        return new MetadataMessage.Data(piece, metadata.length, Arrays.copyOfRange(metadata, from,
                from + MetadataMessage.pieceLength(metadata.length, piece)));
    }

    private static void send(java.io.OutputStream out, Message message) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(message.encodedLength());
        message.encode(buffer);
        out.write(buffer.array());
        out.flush();
    }

    private static byte[] array(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
