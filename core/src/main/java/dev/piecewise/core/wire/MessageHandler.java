package dev.piecewise.core.wire;

import java.nio.ByteBuffer;

/**
 * Receives the messages {@link MessageReader} decodes, already checked against the protocol's limits. Buffers passed
 * in are valid only during the call: a handler that keeps data copies it.
 */
public interface MessageHandler {

    void keepAlive();

    void choke();

    void unchoke();

    void interested();

    void notInterested();

    void have(int piece);

    /** The peer's pieces, most significant bit first; the right length, with no spare bit set. */
    void bitfield(byte[] bits);

    void request(int piece, int begin, int length);

    /** A block: {@code block} holds exactly its bytes (part of a direct read buffer, reused once this returns). */
    void piece(int piece, int begin, ByteBuffer block) throws java.io.IOException;

    void cancel(int piece, int begin, int length);

    void port(int port);

    void haveAll();

    void haveNone();

    void suggest(int piece);

    void reject(int piece, int begin, int length);

    void allowedFast(int piece);

    /** A BEP 10 message: {@code extension} as we numbered it in our handshake (0 is the handshake itself). */
    void extended(int extension, ByteBuffer payload);
}
