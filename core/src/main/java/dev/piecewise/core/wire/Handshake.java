package dev.piecewise.core.wire;

import dev.piecewise.api.InfoHash;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The BitTorrent handshake (BEP 3): {@code 19 "BitTorrent protocol"}, 8 reserved bytes, the info-hash, the peer id.
 * It is read in two steps because the side that accepts a connection learns which torrent is wanted from the
 * info-hash and answers before the initiator's peer id arrives (some clients wait for our handshake first).
 *
 * @param reserved the reserved bytes as a big-endian long; see {@link #EXTENSION_PROTOCOL} and {@link #FAST}
 */
public record Handshake(long reserved, InfoHash infoHash, PeerId peerId) {

    /** The whole handshake's length in bytes. */
    public static final int LENGTH = 68;
    /** The handshake up to and including the info-hash. */
    public static final int START_LENGTH = 48;

    /** BEP 10, reserved byte 5, bit 0x10. */
    public static final long EXTENSION_PROTOCOL = 0x10L << 16;
    /** BEP 6, reserved byte 7, bit 0x04. */
    public static final long FAST = 0x04L;
    /** BEP 5 (we do not run a DHT, but peers may set it). */
    public static final long DHT = 0x01L;

    /** What Piecewise sets: the extension protocol and the fast extension. */
    public static final long OUR_RESERVED = EXTENSION_PROTOCOL | FAST;

    private static final byte[] PROTOCOL = "BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);

    /** The first part of a handshake: enough to tell which torrent the peer wants. */
    public record Start(long reserved, InfoHash infoHash) {
    }

    public boolean fast() {
        return (reserved & FAST) != 0;
    }

    public boolean extensionProtocol() {
        return (reserved & EXTENSION_PROTOCOL) != 0;
    }

    /** The 68 bytes of this handshake, ready to write. */
    public ByteBuffer encode() {
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
        buffer.put((byte) PROTOCOL.length).put(PROTOCOL).putLong(reserved).put(infoHash.bytes()).put(peerId.bytes());
        return buffer.flip();
    }

    /**
     * Reads the protocol string, the reserved bytes and the info-hash.
     *
     * @throws ProtocolException if the peer does not speak the BitTorrent protocol
     * @throws EOFException      if the peer closes the connection first
     */
    public static Start readStart(ReadableByteChannel channel) throws IOException {
        ByteBuffer buffer = readFully(channel, START_LENGTH);
        int length = buffer.get() & 0xff;
        byte[] protocol = new byte[PROTOCOL.length];
        buffer.get(protocol);
        if (length != PROTOCOL.length || !java.util.Arrays.equals(protocol, PROTOCOL)) {
            throw new ProtocolException("not a BitTorrent handshake");
        }
        long reserved = buffer.getLong();
        byte[] infoHash = new byte[InfoHash.LENGTH];
        buffer.get(infoHash);
        return new Start(reserved, InfoHash.of(infoHash));
    }

    /** Reads the peer id that ends a handshake. */
    public static PeerId readPeerId(ReadableByteChannel channel) throws IOException {
        return PeerId.of(readFully(channel, PeerId.LENGTH).array());
    }

    private static ByteBuffer readFully(ReadableByteChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the peer closed the connection during the handshake");
            }
        }
        return buffer.flip();
    }
}
