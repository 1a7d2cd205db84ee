package dev.piecewise.core.engine;

import java.util.BitSet;

/** Converts wire bitfields (piece 0 in the most significant bit of the first byte) to and from {@link BitSet}s. */
final class Bitfields {

    private Bitfields() {
    }

    static BitSet toBitSet(byte[] bitfield) {
        return BitSet.valueOf(reverseEachByte(bitfield));
    }

    private static byte[] reverseEachByte(byte[] bitfield) {
        byte[] bytes = new byte[bitfield.length];
        for (int i = 0; i < bitfield.length; i++) {
            bytes[i] = (byte) (Integer.reverse(bitfield[i] & 0xff) >>> 24);
        }
        return bytes;
    }
}
