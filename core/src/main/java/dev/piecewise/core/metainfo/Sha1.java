package dev.piecewise.core.metainfo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1, which every Java runtime must provide, without the checked exception of asking for it by name. */
public final class Sha1 {

    private Sha1() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-1, which every runtime must have", e);
        }
    }

    public static byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }
}
