package io.groupkit.mtproto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CryptoTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(42);

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static byte[] aesBlock(byte[] key, byte[] block) throws Exception {
        Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        return c.doFinal(block);
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /** The IGE definition written out block by block: c0 = E(p0 ^ iv1) ^ iv2, c1 = E(p1 ^ c0) ^ p0. */
    @Test
    void igeFollowsItsDefinition() throws Exception {
        byte[] key = bytes(32, 1);
        byte[] iv = bytes(32, 2);
        byte[] plain = bytes(32, 3);
        byte[] p0 = Arrays.copyOfRange(plain, 0, 16);
        byte[] p1 = Arrays.copyOfRange(plain, 16, 32);
        byte[] c0 = xor(aesBlock(key, xor(p0, Arrays.copyOfRange(iv, 0, 16))), Arrays.copyOfRange(iv, 16, 32));
        byte[] c1 = xor(aesBlock(key, xor(p1, c0)), p0);
        byte[] expected = ByteBuffer.allocate(32).put(c0).put(c1).array();
        assertArrayEquals(expected, AesIge.encrypt(key, iv, plain));
        assertArrayEquals(plain, AesIge.decrypt(key, iv, expected));
    }

    @Test
    void igeRoundTripsAndRefusesBadSizes() {
        for (int blocks = 1; blocks < 70; blocks += 7) {
            byte[] key = bytes(32, blocks);
            byte[] iv = bytes(32, blocks + 1);
            byte[] plain = bytes(16 * blocks, blocks + 2);
            assertArrayEquals(plain, AesIge.decrypt(key, iv, AesIge.encrypt(key, iv, plain)));
        }
        assertThrows(IllegalArgumentException.class, () -> AesIge.encrypt(new byte[32], new byte[32], new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> AesIge.encrypt(new byte[16], new byte[32], new byte[16]));
    }

    private static byte[] data(int bodyLength) {
        ByteBuffer b = ByteBuffer.allocate(32 + bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0x1122334455667788L).putLong(0x0102030405060708L).putLong(0x6000000000000004L).putInt(1).putInt(bodyLength);
        b.put(bytes(bodyLength, 9));
        return b.array();
    }

    @Test
    void theEnvelopeRoundTripsBothWays() throws TlException {
        Envelope e = new Envelope(bytes(256, 5));
        for (int body : new int[] {0, 4, 12, 64, 1024, 65_536}) {
            byte[] data = data(body);
            byte[] fromClient = e.encrypt(data, Envelope.FROM_CLIENT, RANDOM);
            assertEquals(0, (fromClient.length - 24) % 16);
            assertArrayEquals(data, Arrays.copyOf(e.decrypt(fromClient, Envelope.FROM_CLIENT), data.length));
            byte[] fromServer = e.encrypt(data, Envelope.FROM_SERVER, RANDOM);
            assertArrayEquals(data, Arrays.copyOf(e.decrypt(fromServer, Envelope.FROM_SERVER), data.length));
        }
    }

    @Test
    void theMsgKeyFollowsItsDefinition() throws Exception {
        byte[] key = bytes(256, 5);
        Envelope e = new Envelope(key);
        byte[] padded = bytes(64, 7);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(key, 88 + 8, 32);
        byte[] large = sha.digest(padded);
        assertArrayEquals(Arrays.copyOfRange(large, 8, 24), e.msgKey(padded, Envelope.FROM_SERVER));
        byte[] msgKey = e.msgKey(padded, Envelope.FROM_SERVER);
        sha.update(msgKey);
        sha.update(key, 8, 36);
        byte[] a = sha.digest();
        sha.update(key, 48, 36);
        byte[] b = sha.digest(msgKey);
        byte[][] keyIv = e.keyIv(msgKey, Envelope.FROM_SERVER);
        assertArrayEquals(Arrays.copyOfRange(a, 0, 8), Arrays.copyOfRange(keyIv[0], 0, 8));
        assertArrayEquals(Arrays.copyOfRange(b, 8, 24), Arrays.copyOfRange(keyIv[0], 8, 24));
        assertArrayEquals(Arrays.copyOfRange(a, 24, 32), Arrays.copyOfRange(keyIv[0], 24, 32));
        assertArrayEquals(Arrays.copyOfRange(b, 0, 8), Arrays.copyOfRange(keyIv[1], 0, 8));
        assertArrayEquals(Arrays.copyOfRange(a, 8, 24), Arrays.copyOfRange(keyIv[1], 8, 24));
        assertArrayEquals(Arrays.copyOfRange(b, 24, 32), Arrays.copyOfRange(keyIv[1], 24, 32));
    }

    @Test
    void wrongDirectionKeyOrBytesAreDropped() {
        Envelope e = new Envelope(bytes(256, 5));
        byte[] message = e.encrypt(data(40), Envelope.FROM_CLIENT, RANDOM);
        assertThrows(TlException.class, () -> e.decrypt(message, Envelope.FROM_SERVER), "x is part of the key");
        for (int i = 8; i < message.length; i += 13) {
            byte[] corrupted = message.clone();
            corrupted[i] ^= 0x10;
            int at = i;
            TlException ex = assertThrows(TlException.class, () -> e.decrypt(corrupted, Envelope.FROM_CLIENT), "byte " + at);
            assertTrue(ex.getMessage().startsWith("expected "), ex.getMessage());
        }
        byte[] otherKey = message.clone();
        otherKey[0] ^= 1;
        assertTrue(assertThrows(TlException.class, () -> e.decrypt(otherKey, Envelope.FROM_CLIENT))
                .getMessage().startsWith("expected auth key id"));
        assertThrows(TlException.class, () -> e.decrypt(Arrays.copyOf(message, message.length - 16), Envelope.FROM_CLIENT));
        assertThrows(TlException.class, () -> e.decrypt(Arrays.copyOf(message, 30), Envelope.FROM_CLIENT));
        assertThrows(TlException.class, () -> new Envelope(bytes(256, 6)).decrypt(message, Envelope.FROM_CLIENT));
    }
}
