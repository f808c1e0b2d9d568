package io.groupkit.mtproto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1 and SHA-256 over parts laid end to end, as MTProto's formulas write them. */
public final class Digests {
    private Digests() {
    }

    /**
     * SHA-1 of the parts, one after the other.
     *
     * @param parts the parts
     * @return 20 bytes
     */
    public static byte[] sha1(byte[]... parts) {
        return digest("SHA-1", parts);
    }

    /**
     * SHA-256 of the parts, one after the other.
     *
     * @param parts the parts
     * @return 32 bytes
     */
    public static byte[] sha256(byte[]... parts) {
        return digest("SHA-256", parts);
    }

    private static byte[] digest(String algorithm, byte[]... parts) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }
}
