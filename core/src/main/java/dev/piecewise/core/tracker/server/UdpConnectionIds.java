package dev.piecewise.core.tracker.server;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * BEP 15 connection ids that need no table: a keyed hash of the client's address and the current minute. An id is
 * accepted in the minute it was given and the next one, so always for at least the minute BEP 15 asks for, and it
 * cannot be guessed or used from another address.
 */
final class UdpConnectionIds {

    private static final long MINUTE_MILLIS = 60_000;

    private final byte[] secret = new byte[32];
    private final Clock clock;

    UdpConnectionIds(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(secret);
    }

    long issue(InetAddress client) {
        return id(client, minute());
    }

    boolean isValid(long connectionId, InetAddress client) {
        long minute = minute();
        return connectionId == id(client, minute) || connectionId == id(client, minute - 1);
    }

    private long minute() {
        return Math.floorDiv(clock.millis(), MINUTE_MILLIS);
    }

    private long id(InetAddress client, long minute) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(secret);
            digest.update(ByteBuffer.allocate(8).putLong(minute).array());
            digest.update(client.getAddress());
            return ByteBuffer.wrap(digest.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
