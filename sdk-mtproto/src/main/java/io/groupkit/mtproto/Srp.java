package io.groupkit.mtproto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Telegram's two-step verification check (core.telegram.org/api/srp): SRP-6a over the account's
 * 2048-bit group, with the password hashed by
 * {@code passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow}:
 * {@code x = SH(PBKDF2-HMAC-SHA512(SH(SH(password, salt1), salt2), salt1, 100000), salt2)} with
 * {@code SH(data, salt) = SHA256(salt | data | salt)}. The password never leaves this class;
 * only {@code A} and {@code M1} do.
 */
public final class Srp {
    /** PBKDF2's rounds, as the algorithm's name says. */
    static final int ITERATIONS = 100_000;

    private Srp() {
    }

    /**
     * The account's parameters, from {@code account.password}.
     *
     * @param salt1 the client salt
     * @param salt2 the server salt
     * @param g the generator
     * @param p the 2048-bit safe prime
     * @param gB the server's {@code srp_B}
     * @param srpId the {@code srp_id} to send back
     */
    public record Parameters(byte[] salt1, byte[] salt2, int g, byte[] p, byte[] gB, long srpId) {
        @Override
        public String toString() {
            return "Srp.Parameters[g " + g + ", srp id " + srpId + "]";
        }
    }

    /**
     * What {@code inputCheckPasswordSRP} carries.
     *
     * @param srpId the parameters' id
     * @param a the client's public value A (256 bytes)
     * @param m1 the proof M1 (32 bytes)
     */
    public record Check(long srpId, byte[] a, byte[] m1) {
        @Override
        public String toString() {
            return "Srp.Check[srp id " + srpId + "]";
        }
    }

    /**
     * The proof that the user knows the password.
     *
     * @param password the password, UTF-8
     * @param params the account's parameters
     * @param entropy where the secret a comes from
     * @return A and M1
     * @throws AuthKeyException if the parameters fail a check (a prime that is not safe, g_b out of range)
     */
    public static Check check(char[] password, Parameters params, AuthKeyExchange.Entropy entropy) throws AuthKeyException {
        Objects.requireNonNull(password, "password must not be null");
        BigInteger p = new BigInteger(1, params.p());
        DhChecks.checkGroup(params.g(), p);
        BigInteger gB = new BigInteger(1, params.gB());
        DhChecks.checkValue(gB, p, "srp_B");
        BigInteger g = BigInteger.valueOf(params.g());
        byte[] pBytes = RsaPublicKey.toBytes(p, 256);
        byte[] gBytes = RsaPublicKey.toBytes(g, 256);
        byte[] gBBytes = RsaPublicKey.toBytes(gB, 256);
        BigInteger x = new BigInteger(1, passwordHash(password, params.salt1(), params.salt2()));
        BigInteger v = g.modPow(x, p);
        BigInteger k = new BigInteger(1, Digests.sha256(pBytes, gBytes));
        BigInteger kv = k.multiply(v).mod(p);
        while (true) {
            byte[] aBytes = new byte[256];
            entropy.fill(aBytes);
            BigInteger a = new BigInteger(1, aBytes);
            BigInteger gA = g.modPow(a, p);
            if (gA.compareTo(BigInteger.ONE) <= 0 || gA.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
                continue;
            }
            byte[] gABytes = RsaPublicKey.toBytes(gA, 256);
            BigInteger u = new BigInteger(1, Digests.sha256(gABytes, gBBytes));
            if (u.signum() == 0) {
                continue;
            }
            BigInteger t = gB.subtract(kv).mod(p);
            BigInteger sA = t.modPow(a.add(u.multiply(x)), p);
            byte[] kA = Digests.sha256(RsaPublicKey.toBytes(sA, 256));
            byte[] hp = Digests.sha256(pBytes);
            byte[] hg = Digests.sha256(gBytes);
            for (int i = 0; i < hp.length; i++) {
                hp[i] ^= hg[i];
            }
            byte[] m1 = Digests.sha256(hp, Digests.sha256(params.salt1()), Digests.sha256(params.salt2()), gABytes, gBBytes, kA);
            return new Check(params.srpId(), gABytes, m1);
        }
    }

    /**
     * x, the password's hash: SH(PBKDF2-HMAC-SHA512(PH1, salt1, 100000), salt2) with PH1 =
     * SH(SH(password, salt1), salt2).
     *
     * @param password the password, UTF-8
     * @param salt1 the client salt
     * @param salt2 the server salt
     * @return 32 bytes
     */
    public static byte[] passwordHash(char[] password, byte[] salt1, byte[] salt2) {
        java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            return sh(pbkdf2Sha512(sh(sh(bytes, salt1), salt2), salt1, ITERATIONS), salt2);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] sh(byte[] data, byte[] salt) {
        return Digests.sha256(salt, data, salt);
    }

    /**
     * PBKDF2 with HMAC-SHA512 and a 64-byte result, over a password of any bytes (the JDK's
     * {@code PBKDF2WithHmacSHA512} takes characters, and PH1 is not text).
     *
     * @param password the password bytes (not empty)
     * @param salt the salt
     * @param iterations the rounds
     * @return 64 bytes
     */
    static byte[] pbkdf2Sha512(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(password, "HmacSHA512"));
            mac.update(salt);
            mac.update(new byte[] {0, 0, 0, 1});
            byte[] u = mac.doFinal();
            byte[] out = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < out.length; j++) {
                    out[j] ^= u[j];
                }
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no HmacSHA512", e);
        }
    }
}
