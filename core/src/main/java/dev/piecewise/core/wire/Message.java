package dev.piecewise.core.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A message we send: each knows its encoded length and writes itself with the 4-byte length prefix. Incoming messages
 * are not materialised; {@link MessageReader} hands their fields to a {@link MessageHandler}. A {@link Piece} is only
 * the header of a piece message: the block follows from storage ({@link MessageWriter#writePiece}).
 */
public sealed interface Message {

    byte CHOKE = 0;
    byte UNCHOKE = 1;
    byte INTERESTED = 2;
    byte NOT_INTERESTED = 3;
    byte HAVE = 4;
    byte BITFIELD = 5;
    byte REQUEST = 6;
    byte PIECE = 7;
    byte CANCEL = 8;
    byte PORT = 9;
    byte SUGGEST = 13;
    byte HAVE_ALL = 14;
    byte HAVE_NONE = 15;
    byte REJECT = 16;
    byte ALLOWED_FAST = 17;
    byte EXTENDED = 20;

    /** The bytes this message takes on the wire, length prefix included. */
    int encodedLength();

    /** Writes the message, length prefix included; {@code out} must have {@link #encodedLength()} bytes free. */
    void encode(ByteBuffer out);

    /** A message without payload (keep-alive has no id either). */
    enum Simple implements Message {
        KEEP_ALIVE(-1), CHOKE(Message.CHOKE), UNCHOKE(Message.UNCHOKE), INTERESTED(Message.INTERESTED),
        NOT_INTERESTED(Message.NOT_INTERESTED), HAVE_ALL(Message.HAVE_ALL), HAVE_NONE(Message.HAVE_NONE);

        private final int id;

        Simple(int id) {
            this.id = id;
        }

        @Override
        public int encodedLength() {
            return id < 0 ? 4 : 5;
        }

        @Override
        public void encode(ByteBuffer out) {
            if (id < 0) {
                out.putInt(0);
            } else {
                out.putInt(1).put((byte) id);
            }
        }
    }

    /** have, suggest and allowed-fast: a piece index. */
    record PieceIndex(byte id, int piece) implements Message {
        public static PieceIndex have(int piece) {
            return new PieceIndex(HAVE, piece);
        }

        public static PieceIndex suggest(int piece) {
            return new PieceIndex(SUGGEST, piece);
        }

        public static PieceIndex allowedFast(int piece) {
            return new PieceIndex(ALLOWED_FAST, piece);
        }

        @Override
        public int encodedLength() {
            return 9;
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putInt(5).put(id).putInt(piece);
        }
    }

    /** request, cancel and reject: a block. */
    record BlockRef(byte id, int piece, int begin, int length) implements Message {
        public static BlockRef request(int piece, int begin, int length) {
            return new BlockRef(REQUEST, piece, begin, length);
        }

        public static BlockRef cancel(int piece, int begin, int length) {
            return new BlockRef(CANCEL, piece, begin, length);
        }

        public static BlockRef reject(int piece, int begin, int length) {
            return new BlockRef(REJECT, piece, begin, length);
        }

        @Override
        public int encodedLength() {
            return 17;
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putInt(13).put(id).putInt(piece).putInt(begin).putInt(length);
        }
    }

    /** The header of a piece message; {@code length} block bytes must follow it. */
    record Piece(int piece, int begin, int length) implements Message {
        @Override
        public int encodedLength() {
            return 13;
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putInt(9 + length).put(PIECE).putInt(piece).putInt(begin);
        }
    }

    /** Our pieces, most significant bit first; the array is not copied. */
    record Bitfield(byte[] bits) implements Message {
        @Override
        public int encodedLength() {
            return 5 + bits.length;
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putInt(1 + bits.length).put(BITFIELD).put(bits);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bitfield other && Arrays.equals(bits, other.bits);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits);
        }

        @Override
        public String toString() {
            return "Bitfield[" + bits.length + " bytes]";
        }
    }

    /** The DHT port (BEP 5). */
    record Port(int port) implements Message {
        @Override
        public int encodedLength() {
            return 7;
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putInt(3).put(PORT).putShort((short) port);
        }
    }

    /** A BEP 10 extended message: the extension's id as the peer numbered it (0 is the handshake), then its payload. */
    record Extended(int extension, byte[] payload) implements Message {
        @Override
        public int encodedLength() {
            return 6 + payload.length;
        }

        @Override
        public void encode(ByteBuffer out) {
            out.putInt(2 + payload.length).put(EXTENDED).put((byte) extension).put(payload);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Extended other && extension == other.extension
                    && Arrays.equals(payload, other.payload);
        }

        @Override
        public int hashCode() {
            return 31 * extension + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Extended[" + extension + ", " + payload.length + " bytes]";
        }
    }
}
