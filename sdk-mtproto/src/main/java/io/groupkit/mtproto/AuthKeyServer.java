package io.groupkit.mtproto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The server's side of creating an auth key, for GroupKit's fake Telegram server: it answers
 * {@code req_pq_multi}, {@code req_DH_params} and {@code set_client_DH_params} as a data centre
 * does, checking what a server checks (the client's nonces, pq's factors, RSA_PAD's hash, the
 * client's answer hash and g_b's range). It can be told to answer {@code dh_gen_retry} or
 * {@code dh_gen_fail} to test a client. One exchange per instance.
 */
public final class AuthKeyServer {
    /** What to answer the client's DH parameters with. */
    public enum Outcome {
        /** {@code dh_gen_ok}. */
        OK,
        /** {@code dh_gen_retry} once, then {@code dh_gen_ok}. */
        RETRY_ONCE,
        /** {@code dh_gen_fail}. */
        FAIL
    }

    /**
     * The server's RSA key.
     *
     * @param publicKey the public half
     * @param privateExponent d
     */
    public record RsaPrivateKey(RsaPublicKey publicKey, BigInteger privateExponent) {
        @Override
        public String toString() {
            return "RsaPrivateKey[" + publicKey + "]";
        }
    }

    private final RsaPrivateKey rsa;
    private final BigInteger dhPrime;
    private final int g;
    private final AuthKeyExchange.Entropy entropy;
    private final IntSupplier serverTime;
    private Outcome outcome;
    private final byte[] serverNonce = new byte[16];
    private byte @Nullable [] nonce; // from req_pq_multi on
    private byte @Nullable [] newNonce; // from req_DH_params on
    private long p;
    private long q;
    private @Nullable BigInteger a; // from req_DH_params on
    private byte @Nullable [] authKey; // from set_client_DH_params on
    private boolean done;

    /**
     * A server's exchange.
     *
     * @param rsa its RSA key
     * @param dhPrime a safe 2048-bit prime
     * @param g a generator for it
     * @param entropy the random source
     * @param serverTime the server's clock, in seconds
     * @param outcome what the last step answers
     */
    public AuthKeyServer(RsaPrivateKey rsa, BigInteger dhPrime, int g, AuthKeyExchange.Entropy entropy, IntSupplier serverTime,
                         Outcome outcome) {
        this.rsa = Objects.requireNonNull(rsa, "rsa must not be null");
        this.dhPrime = Objects.requireNonNull(dhPrime, "dhPrime must not be null");
        this.g = g;
        this.entropy = Objects.requireNonNull(entropy, "entropy must not be null");
        this.serverTime = Objects.requireNonNull(serverTime, "serverTime must not be null");
        this.outcome = Objects.requireNonNull(outcome, "outcome must not be null");
    }

    /**
     * Answers one unencrypted request.
     *
     * @param body the request's TL body
     * @return the answer's body
     * @throws AuthKeyException if the request fails a check (a real server then drops the connection)
     * @throws TlException if it is malformed
     */
    public byte[] answer(byte[] body) throws AuthKeyException, TlException {
        TlReader in = new TlReader(body);
        int constructor = in.int32();
        if (constructor == AuthKeyExchange.REQ_PQ_MULTI) {
            return resPq(in);
        }
        if (constructor == AuthKeyExchange.REQ_DH_PARAMS) {
            return serverDhParams(in);
        }
        if (constructor == AuthKeyExchange.SET_CLIENT_DH_PARAMS) {
            return dhGen(in);
        }
        throw new AuthKeyException("not a request of the auth key exchange: " + Integer.toHexString(constructor));
    }

    /**
     * The key, once {@code dh_gen_ok} was answered.
     *
     * @return the 256 bytes, or empty
     */
    public Optional<byte[]> authKey() {
        byte[] key = authKey;
        return done && key != null ? Optional.of(key.clone()) : Optional.empty();
    }

    private byte[] resPq(TlReader in) throws TlException {
        byte[] nonce = in.raw(16);
        this.nonce = nonce;
        entropy.fill(serverNonce);
        p = prime(31);
        do {
            q = prime(31);
        } while (q == p);
        long pq = p * q;
        return new TlWriter().int32(AuthKeyExchange.RES_PQ).raw(nonce).raw(serverNonce)
                .bytes(RsaPublicKey.unsigned(BigInteger.valueOf(pq))).vectorOfLongs(rsa.publicKey().fingerprint())
                .toByteArray();
    }

    private long prime(int bits) {
        byte[] b = new byte[8];
        while (true) {
            entropy.fill(b);
            long candidate = (new BigInteger(1, b).longValue() >>> (64 - bits)) | (1L << (bits - 1)) | 1L;
            if (BigInteger.valueOf(candidate).isProbablePrime(50)) {
                return candidate;
            }
        }
    }

    private byte[] serverDhParams(TlReader in) throws TlException, AuthKeyException {
        byte[] nonce = this.nonce;
        if (nonce == null || !MessageDigest.isEqual(in.raw(16), nonce)) {
            throw wrong("req_DH_params's nonce");
        }
        check(MessageDigest.isEqual(in.raw(16), serverNonce), "req_DH_params's server_nonce");
        long gotP = new BigInteger(1, in.bytes()).longValue();
        long gotQ = new BigInteger(1, in.bytes()).longValue();
        check(gotP == Math.min(p, q) && gotQ == Math.max(p, q), "req_DH_params's p and q");
        check(in.int64() == rsa.publicKey().fingerprint(), "req_DH_params's key fingerprint");
        byte[] inner = unpad(in.bytes());
        TlReader data = new TlReader(inner);
        check(data.int32() == AuthKeyExchange.P_Q_INNER_DATA_DC, "p_q_inner_data_dc");
        data.bytes();
        data.bytes();
        data.bytes();
        check(MessageDigest.isEqual(data.raw(16), nonce), "p_q_inner_data's nonce");
        check(MessageDigest.isEqual(data.raw(16), serverNonce), "p_q_inner_data's server_nonce");
        byte[] newNonce = data.raw(32);
        data.int32(); // dc
        byte[] aBytes = new byte[256];
        entropy.fill(aBytes);
        BigInteger a = new BigInteger(1, aBytes);
        this.newNonce = newNonce;
        this.a = a;
        return dhParams(nonce, newNonce, a);
    }

    private byte[] dhParams(byte[] nonce, byte[] newNonce, BigInteger a) {
        BigInteger gA = BigInteger.valueOf(g).modPow(a, dhPrime);
        byte[] answer = new TlWriter().int32(AuthKeyExchange.SERVER_DH_INNER_DATA).raw(nonce).raw(serverNonce).int32(g)
                .bytes(RsaPublicKey.toBytes(dhPrime, 256)).bytes(RsaPublicKey.toBytes(gA, 256))
                .int32(serverTime.getAsInt()).toByteArray();
        byte[] withHash = AuthKeyExchange.concat(Digests.sha1(answer), answer);
        byte[] padding = new byte[(16 - withHash.length % 16) % 16];
        entropy.fill(padding);
        byte[][] tmp = AuthKeyExchange.temporaryKey(newNonce, serverNonce);
        byte[] encrypted = AesIge.encrypt(tmp[0], tmp[1], AuthKeyExchange.concat(withHash, padding));
        return new TlWriter().int32(AuthKeyExchange.SERVER_DH_PARAMS_OK).raw(nonce).raw(serverNonce).bytes(encrypted)
                .toByteArray();
    }

    /** RSA_PAD undone: decrypt, unmask the temporary key, AES-IGE decrypt, check the hash, un-reverse. */
    private byte[] unpad(byte[] encrypted) throws AuthKeyException {
        check(encrypted.length == 256, "RSA_PAD's length");
        BigInteger c = new BigInteger(1, encrypted);
        check(c.compareTo(rsa.publicKey().modulus()) < 0, "RSA_PAD's number");
        byte[] keyAesEncrypted = RsaPublicKey.toBytes(c.modPow(rsa.privateExponent(), rsa.publicKey().modulus()), 256);
        byte[] tempKeyXor = Arrays.copyOf(keyAesEncrypted, 32);
        byte[] aesEncrypted = Arrays.copyOfRange(keyAesEncrypted, 32, 256);
        byte[] mask = Digests.sha256(aesEncrypted);
        byte[] tempKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            tempKey[i] = (byte) (tempKeyXor[i] ^ mask[i]);
        }
        byte[] withHash = AesIge.decrypt(tempKey, new byte[32], aesEncrypted);
        byte[] reversed = Arrays.copyOf(withHash, 192);
        byte[] withPadding = new byte[192];
        for (int i = 0; i < 192; i++) {
            withPadding[i] = reversed[191 - i];
        }
        check(MessageDigest.isEqual(Arrays.copyOfRange(withHash, 192, 224), Digests.sha256(tempKey, withPadding)),
                "RSA_PAD's hash");
        return withPadding;
    }

    private byte[] dhGen(TlReader in) throws TlException, AuthKeyException {
        byte[] nonce = this.nonce;
        byte[] newNonce = this.newNonce;
        BigInteger a = this.a;
        // newNonce and a are set together, after nonce: all or none
        if (nonce == null || newNonce == null || a == null || !MessageDigest.isEqual(in.raw(16), nonce)) {
            throw wrong("set_client_DH_params's nonce");
        }
        check(MessageDigest.isEqual(in.raw(16), serverNonce), "set_client_DH_params's server_nonce");
        byte[] encrypted = in.bytes();
        check(encrypted.length % 16 == 0 && encrypted.length > 20, "set_client_DH_params's length");
        byte[][] tmp = AuthKeyExchange.temporaryKey(newNonce, serverNonce);
        byte[] plain = AesIge.decrypt(tmp[0], tmp[1], encrypted);
        TlReader data = new TlReader(plain, 20, plain.length - 20);
        int start = data.remaining();
        check(data.int32() == AuthKeyExchange.CLIENT_DH_INNER_DATA, "client_DH_inner_data");
        check(MessageDigest.isEqual(data.raw(16), nonce), "client_DH_inner_data's nonce");
        check(MessageDigest.isEqual(data.raw(16), serverNonce), "client_DH_inner_data's server_nonce");
        data.int64(); // retry_id
        BigInteger gB = new BigInteger(1, data.bytes());
        int length = start - data.remaining();
        check(data.remaining() < 16, "client_DH_inner_data's padding");
        check(MessageDigest.isEqual(Arrays.copyOf(plain, 20), Digests.sha1(Arrays.copyOfRange(plain, 20, 20 + length))),
                "client_DH_inner_data's hash");
        DhChecks.checkValue(gB, dhPrime, "g_b");
        byte[] authKey = RsaPublicKey.toBytes(gB.modPow(a, dhPrime), 256);
        this.authKey = authKey;
        byte[] aux = Arrays.copyOf(Digests.sha1(authKey), 8);
        int answer;
        int n;
        if (outcome == Outcome.RETRY_ONCE) {
            outcome = Outcome.OK;
            answer = AuthKeyExchange.DH_GEN_RETRY;
            n = 2;
        } else if (outcome == Outcome.FAIL) {
            answer = AuthKeyExchange.DH_GEN_FAIL;
            n = 3;
        } else {
            answer = AuthKeyExchange.DH_GEN_OK;
            n = 1;
            done = true;
        }
        return new TlWriter().int32(answer).raw(nonce).raw(serverNonce)
                .raw(AuthKeyExchange.newNonceHash(newNonce, n, aux)).toByteArray();
    }

    private static void check(boolean ok, String what) throws AuthKeyException {
        if (!ok) {
            throw wrong(what);
        }
    }

    private static AuthKeyException wrong(String what) {
        return new AuthKeyException("the client's " + what + " is wrong");
    }

    @Override
    public String toString() {
        return "AuthKeyServer[" + (done ? "done" : "under way") + "]";
    }
}
