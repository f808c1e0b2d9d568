package io.groupkit.mtproto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256 in infinite garble extension mode, as MTProto uses it, built on the JDK's AES block
 * cipher: {@code c[i] = E(p[i] xor c[i-1]) xor p[i-1]}, where the 32-byte IV is
 * {@code c[-1] (16 bytes) ‖ p[-1] (16 bytes)}.
 */
public final class AesIge {
    private AesIge() {
    }

    /**
     * Encrypts.
     *
     * @param key 32 bytes
     * @param iv 32 bytes
     * @param plain a multiple of 16 bytes
     * @return the ciphertext, as long as the input
     */
    public static byte[] encrypt(byte[] key, byte[] iv, byte[] plain) {
        return run(Cipher.ENCRYPT_MODE, key, iv, plain);
    }

    /**
     * Decrypts.
     *
     * @param key 32 bytes
     * @param iv 32 bytes
     * @param cipher a multiple of 16 bytes
     * @return the plaintext, as long as the input
     */
    public static byte[] decrypt(byte[] key, byte[] iv, byte[] cipher) {
        return run(Cipher.DECRYPT_MODE, key, iv, cipher);
    }

    private static byte[] run(int mode, byte[] key, byte[] iv, byte[] in) {
        if (key.length != 32 || iv.length != 32 || in.length % 16 != 0) {
            throw new IllegalArgumentException("expected a 32-byte key, a 32-byte IV and whole 16-byte blocks, got "
                    + key.length + ", " + iv.length + ", " + in.length);
        }
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(mode, new SecretKeySpec(key, "AES"));
            // Encrypting, the XOR "before" is the previous ciphertext block and "after" the
            // previous plaintext; decrypting, the roles swap.
            byte[] before = new byte[16];
            byte[] after = new byte[16];
            System.arraycopy(iv, mode == Cipher.ENCRYPT_MODE ? 0 : 16, before, 0, 16);
            System.arraycopy(iv, mode == Cipher.ENCRYPT_MODE ? 16 : 0, after, 0, 16);
            byte[] out = new byte[in.length];
            byte[] block = new byte[16];
            for (int off = 0; off < in.length; off += 16) {
                for (int i = 0; i < 16; i++) {
                    block[i] = (byte) (in[off + i] ^ before[i]);
                }
                aes.update(block, 0, 16, out, off);
                for (int i = 0; i < 16; i++) {
                    out[off + i] ^= after[i];
                }
                System.arraycopy(out, off, before, 0, 16);
                System.arraycopy(in, off, after, 0, 16);
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's AES is missing", e);
        }
    }
}
