package io.groupkit.mtproto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A server's RSA public key, as the auth key exchange uses it: chosen by its fingerprint (the
 * lower 64 bits of the SHA-1 of {@code rsa_public_key n:bytes e:bytes}) among those the server
 * names in {@code resPQ}.
 *
 * @param modulus n
 * @param exponent e
 */
public record RsaPublicKey(BigInteger modulus, BigInteger exponent) {
    /** Telegram's production key (the one its data centres name today), as published in PKCS#1 PEM. */
    public static final RsaPublicKey TELEGRAM = fromPem("""
            -----BEGIN RSA PUBLIC KEY-----
            MIIBCgKCAQEA6LszBcC1LGzyr992NzE0ieY+BSaOW622Aa9Bd4ZHLl+TuFQ4lo4g
            5nKaMBwK/BIb9xUfg0Q29/2mgIR6Zr9krM7HjuIcCzFvDtr+L0GQjae9H0pRB2OO
            62cECs5HKhT5DZ98K33vmWiLowc621dQuwKWSQKjWf50XYFw42h21P2KXUGyp2y/
            +aEyZ+uVgLLQbRA1dEjSDZ2iGRy12Mk5gpYc397aYp438fsJoHIgJ2lgMv5h7WY9
            t6N/byY9Nw9p21Og3AoXSL2q/2IJ1WRUhebgAdGVMlV1fkuOQoEzR7EdpqtQD9Cs
            5+bfo3Nhmcyvk5ftB0WkJ9z6bNZ7yxrP8wIDAQAB
            -----END RSA PUBLIC KEY-----
            """);

    /** Telegram's key for its test data centres. */
    public static final RsaPublicKey TELEGRAM_TEST = fromPem("""
            -----BEGIN RSA PUBLIC KEY-----
            MIIBCgKCAQEAyMEdY1aR+sCR3ZSJrtztKTKqigvO/vBfqACJLZtS7QMgCGXJ6XIR
            yy7mx66W0/sOFa7/1mAZtEoIokDP3ShoqF4fVNb6XeqgQfaUHd8wJpDWHcR2OFwv
            plUUI1PLTktZ9uW2WE23b+ixNwJjJGwBDJPQEQFBE+vfmH0JP503wr5INS1poWg/
            j25sIWeYPHYeOrFp/eXaqhISP6G+q2IeTaWTXpwZj4LzXq5YOpk4bYEQ6mvRq7D1
            aHWfYmlEGepfaYR8Q0YqvvhYtMte3ITnuSJs171+GDqpdKcSwHnd6FudwGO4pcCO
            j4WcDuXc2CTHgH8gFTNhp/Y8/SpDOhvn9QIDAQAB
            -----END RSA PUBLIC KEY-----
            """);

    /**
     * Checks the key: a 2048-bit modulus, an odd exponent above 1.
     *
     * @param modulus n
     * @param exponent e
     */
    public RsaPublicKey {
        Objects.requireNonNull(modulus, "modulus must not be null");
        Objects.requireNonNull(exponent, "exponent must not be null");
        if (modulus.bitLength() != 2048 || exponent.compareTo(BigInteger.ONE) <= 0 || !exponent.testBit(0)) {
            throw new IllegalArgumentException("expected a 2048-bit RSA modulus and an odd exponent, got "
                    + modulus.bitLength() + " bits");
        }
    }

    /**
     * The keys GroupKit knows for Telegram's production data centres.
     *
     * @return the keys
     */
    public static List<RsaPublicKey> telegram() {
        return List.of(TELEGRAM);
    }

    /**
     * A key from PKCS#1 PEM ({@code -----BEGIN RSA PUBLIC KEY-----}).
     *
     * @param pem the text
     * @return the key
     */
    public static RsaPublicKey fromPem(String pem) {
        String body = pem.replace("-----BEGIN RSA PUBLIC KEY-----", "").replace("-----END RSA PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
        Der in = new Der(der);
        in.expect(0x30);
        in.length();
        BigInteger n = in.integer();
        BigInteger e = in.integer();
        return new RsaPublicKey(n, e);
    }

    /**
     * The fingerprint servers name the key by.
     *
     * @return the lower 64 bits of SHA-1({@code n:bytes e:bytes}), as TL reads a long
     */
    public long fingerprint() {
        byte[] tl = new TlWriter().bytes(unsigned(modulus)).bytes(unsigned(exponent)).toByteArray();
        byte[] sha1 = Digests.sha1(tl);
        return ByteBuffer.wrap(sha1, 12, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /**
     * {@code data^e mod n} as 256 big-endian bytes.
     *
     * @param data the number, big-endian, below the modulus
     * @return the result
     */
    public byte[] encrypt(byte[] data) {
        return toBytes(new BigInteger(1, data).modPow(exponent, modulus), 256);
    }

    /** A number's big-endian bytes without a sign byte. */
    static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /**
     * A non-negative number as exactly {@code size} big-endian bytes.
     *
     * @param v the number, below 2^(8·size)
     * @param size the length
     * @return the bytes
     */
    public static byte[] toBytes(BigInteger v, int size) {
        byte[] b = unsigned(v);
        if (b.length > size) {
            throw new IllegalArgumentException("expected a number of at most " + size + " bytes, got " + b.length);
        }
        byte[] out = new byte[size];
        System.arraycopy(b, 0, out, size - b.length, b.length);
        return out;
    }

    /**
     * The key as PKCS#1 PEM, as {@link #fromPem} reads it.
     *
     * @return the text
     */
    public String toPem() {
        byte[] body = concatDer(integerDer(modulus), integerDer(exponent));
        byte[] der = concatDer(new byte[] {0x30}, lengthDer(body.length), body);
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN RSA PUBLIC KEY-----\n" + base64 + "\n-----END RSA PUBLIC KEY-----\n";
    }

    private static byte[] integerDer(BigInteger v) {
        byte[] b = v.toByteArray(); // two's complement: a leading 0 keeps it positive, as DER wants
        return concatDer(new byte[] {0x02}, lengthDer(b.length), b);
    }

    private static byte[] lengthDer(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        return n < 0x100 ? new byte[] {(byte) 0x81, (byte) n} : new byte[] {(byte) 0x82, (byte) (n >>> 8), (byte) n};
    }

    private static byte[] concatDer(byte[]... parts) {
        return AuthKeyExchange.concat(parts);
    }

    @Override
    public String toString() {
        return "RsaPublicKey[fingerprint " + Long.toHexString(fingerprint()) + "]";
    }

    /** Just enough DER for a PKCS#1 public key. */
    private static final class Der {
        private final byte[] b;
        private int at;

        Der(byte[] b) {
            this.b = b;
        }

        void expect(int tag) {
            if (at >= b.length || (b[at++] & 0xff) != tag) {
                throw new IllegalArgumentException("expected a PKCS#1 RSA public key");
            }
        }

        int length() {
            if (at >= b.length) {
                throw new IllegalArgumentException("expected a PKCS#1 RSA public key");
            }
            int first = b[at++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int n = first & 0x7f;
            int len = 0;
            for (int i = 0; i < n; i++) {
                if (at >= b.length) {
                    throw new IllegalArgumentException("expected a PKCS#1 RSA public key");
                }
                len = len << 8 | b[at++] & 0xff;
            }
            return len;
        }

        BigInteger integer() {
            expect(0x02);
            int len = length();
            if (len <= 0 || at + len > b.length) {
                throw new IllegalArgumentException("expected a PKCS#1 RSA public key");
            }
            BigInteger v = new BigInteger(1, Arrays.copyOfRange(b, at, at + len));
            at += len;
            return v;
        }
    }
}
