package dev.piecewise.core.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The BEP 10 extension handshake a peer sends, decoded from arbitrary bytes: only a {@link ProtocolException} may
 * come out. What decodes keeps to the ranges the engine relies on (message ids 1 to 255, a port, a positive request
 * queue and metadata size), and encoding it again gives the same handshake.
 */
class ExtensionHandshakeFuzzTest {

    @FuzzTest
    void decode(byte[] payload) throws ProtocolException {
        ExtensionHandshake handshake;
        try {
            handshake = ExtensionHandshake.decode(ByteBuffer.wrap(payload).asReadOnlyBuffer());
        } catch (ProtocolException refused) {
            return;
        }
        handshake.extensions().values().forEach(id -> assertTrue(id >= 1 && id <= 255, "message id " + id));
        handshake.listenPort().ifPresent(port -> assertTrue(port >= 1 && port <= 65535, "port " + port));
        handshake.requestQueue().ifPresent(queue -> assertTrue(queue >= 1, "request queue " + queue));
        handshake.metadataSize().ifPresent(size -> assertTrue(size >= 1, "metadata size " + size));
        assertEquals(handshake, ExtensionHandshake.decode(ByteBuffer.wrap(handshake.encode())),
                "the handshake encoded again decodes to itself");
    }
}
