package io.groupkit.mtproto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.random.RandomGenerator;

/**
 * MTProto 2.0's encrypted message: {@code auth_key_id (8) ‖ msg_key (16) ‖ AES-256-IGE(data)}, with
 * {@code msg_key} the middle 16 bytes of {@code SHA-256(auth_key[88+x, 120+x) ‖ data)} and the AES
 * key and IV derived from {@code msg_key} and the auth key ({@code x} = 0 from client to server,
 * 8 back). Decrypting checks the key id, the length and the msg_key (in constant time).
 */
public final class Envelope {
    /** {@code x} for messages a client sends. */
    public static final int FROM_CLIENT = 0;
    /** {@code x} for messages a server sends. */
    public static final int FROM_SERVER = 8;

    private final byte[] authKey;
    private final long authKeyId;

    /**
     * An envelope for one auth key.
     *
     * @param authKey the 256-byte key (not copied: the caller keeps it private)
     */
    public Envelope(byte[] authKey) {
        if (authKey.length != 256) {
            throw new IllegalArgumentException("expected a 256-byte auth key, got " + authKey.length);
        }
        this.authKey = authKey;
        byte[] sha1 = Digests.sha1(authKey);
        this.authKeyId = ByteBuffer.wrap(sha1, 12, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /**
     * The auth key's id.
     *
     * @return the lower 64 bits of its SHA-1
     */
    public long authKeyId() {
        return authKeyId;
    }

    /**
     * Encrypts {@code data} (salt, session id, msg id, seq no, length, body), adding 12 to 1024
     * random padding bytes so the total is a multiple of 16.
     *
     * @param data the plaintext without padding
     * @param x {@link #FROM_CLIENT} or {@link #FROM_SERVER}
     * @param random the padding's source
     * @return the message as sent
     */
    public byte[] encrypt(byte[] data, int x, RandomGenerator random) {
        int pad = 12 + (16 - (data.length + 12) % 16) % 16;
        pad += 16 * random.nextInt(0, 3); // a little length noise, well under the 1024 maximum
        byte[] padded = new byte[data.length + pad];
        System.arraycopy(data, 0, padded, 0, data.length);
        byte[] noise = new byte[pad];
        random.nextBytes(noise);
        System.arraycopy(noise, 0, padded, data.length, pad);
        byte[] msgKey = msgKey(padded, x);
        byte[][] keyIv = keyIv(msgKey, x);
        byte[] cipher = AesIge.encrypt(keyIv[0], keyIv[1], padded);
        return ByteBuffer.allocate(24 + cipher.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(authKeyId).put(msgKey).put(cipher).array();
    }

    /**
     * Decrypts a message and returns its plaintext with padding ({@code length} at offset 28 tells
     * the body's size).
     *
     * @param message the message as received
     * @param x {@link #FROM_CLIENT} or {@link #FROM_SERVER}: who sent it
     * @return the plaintext
     * @throws TlException if the key id, the length or the msg_key is wrong
     */
    public byte[] decrypt(byte[] message, int x) throws TlException {
        if (message.length < 24 + 32 || (message.length - 24) % 16 != 0) {
            throw new TlException("expected an encrypted message of 24 bytes and whole 16-byte blocks (at least 2), got "
                    + message.length + " bytes");
        }
        long keyId = ByteBuffer.wrap(message, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (keyId != authKeyId) {
            throw new TlException("expected auth key id " + Long.toHexString(authKeyId) + ", got " + Long.toHexString(keyId));
        }
        byte[] msgKey = new byte[16];
        System.arraycopy(message, 8, msgKey, 0, 16);
        byte[] cipher = new byte[message.length - 24];
        System.arraycopy(message, 24, cipher, 0, cipher.length);
        byte[][] keyIv = keyIv(msgKey, x);
        byte[] plain = AesIge.decrypt(keyIv[0], keyIv[1], cipher);
        if (!MessageDigest.isEqual(msgKey, msgKey(plain, x))) {
            throw new TlException("expected a msg_key matching the decrypted data; it does not (wrong key or corrupted)");
        }
        int length = ByteBuffer.wrap(plain, 28, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int padding = plain.length - 32 - length;
        if (length < 0 || length % 4 != 0 || padding < 12 || padding > 1024) {
            throw new TlException("expected a body length leaving 12 to 1024 padding bytes, got " + length
                    + " of " + (plain.length - 32));
        }
        return plain;
    }

    /** The middle 16 bytes of SHA-256(auth_key[88+x, 120+x) ‖ data). */
    byte[] msgKey(byte[] paddedData, int x) {
        MessageDigest sha256 = sha256();
        sha256.update(authKey, 88 + x, 32);
        sha256.update(paddedData);
        byte[] large = sha256.digest();
        byte[] key = new byte[16];
        System.arraycopy(large, 8, key, 0, 16);
        return key;
    }

    /** The AES key and IV: a = SHA-256(msg_key ‖ auth_key[x, x+36)), b = SHA-256(auth_key[40+x, 76+x) ‖ msg_key). */
    byte[][] keyIv(byte[] msgKey, int x) {
        MessageDigest sha256 = sha256();
        sha256.update(msgKey);
        sha256.update(authKey, x, 36);
        byte[] a = sha256.digest();
        sha256.update(authKey, 40 + x, 36);
        sha256.update(msgKey);
        byte[] b = sha256.digest();
        byte[] key = new byte[32];
        byte[] iv = new byte[32];
        System.arraycopy(a, 0, key, 0, 8);
        System.arraycopy(b, 8, key, 8, 16);
        System.arraycopy(a, 24, key, 24, 8);
        System.arraycopy(b, 0, iv, 0, 8);
        System.arraycopy(a, 8, iv, 8, 16);
        System.arraycopy(b, 24, iv, 24, 8);
        return new byte[][] {key, iv};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "Envelope[auth key id " + Long.toHexString(authKeyId) + "]";
    }
}
